import { describe, expect, it } from "vitest";
import {
  compareTasks,
  insertionIndex,
  matchesFilters,
  matchesSearch,
} from "../../lib/tasks/order.ts";
import { DEFAULT_QUERY } from "../../lib/tasks/query.ts";
import { aTask } from "./fixtures.ts";

describe("ordering and matching", () => {
  it("puts tasks without a due date last in both directions", () => {
    const [none, soon, late] = [
      aTask(),
      aTask({ due_date: "2026-01-01" }),
      aTask({ due_date: "2026-06-01" }),
    ];
    for (const order of ["asc", "desc"] as const) {
      const sorted = [none, late, soon].sort((a, b) =>
        compareTasks(a, b, { sort: "due_date", order }),
      );
      expect(sorted.at(-1)).toBe(none);
    }
    expect(compareTasks(soon, late, { sort: "due_date", order: "asc" })).toBeLessThan(0);
  });

  it("ranks priority low → medium → high ascending", () => {
    const [low, high] = [aTask({ priority: "low" }), aTask({ priority: "high" })];
    expect(compareTasks(low, high, { sort: "priority", order: "asc" })).toBeLessThan(0);
    expect(compareTasks(low, high, { sort: "priority", order: "desc" })).toBeGreaterThan(0);
  });

  it("inserts a new task at its place, or leaves it for a later page", () => {
    const loaded = [aTask({ title: "apples" }), aTask({ title: "melons" })];
    const query = { sort: "title", order: "asc" } as const;
    expect(insertionIndex(loaded, aTask({ title: "Bread" }), query, true)).toBe(1);
    expect(insertionIndex(loaded, aTask({ title: "zucchini" }), query, true)).toBeNull();
    expect(insertionIndex(loaded, aTask({ title: "zucchini" }), query, false)).toBe(2);
    expect(insertionIndex(loaded, aTask(), { sort: "created", order: "desc" }, true)).toBe(0);
  });

  it("matches tags case-insensitively and search in title, description or tags", () => {
    const task = aTask({
      title: "Buy milk",
      description: "Oat, 2 litres",
      tags: ["Home"],
      priority: "high",
    });
    expect(matchesFilters(task, { ...DEFAULT_QUERY, tag: "home", priority: "high" })).toBe(true);
    expect(matchesFilters(task, { ...DEFAULT_QUERY, tag: "work" })).toBe(false);
    expect(matchesFilters(task, { ...DEFAULT_QUERY, status: "completed" })).toBe(false);
    expect(matchesSearch(task, "MILK")).toBe(true);
    expect(matchesSearch(task, "litres")).toBe(true);
    expect(matchesSearch(task, "bread")).toBe(false);
    expect(matchesSearch(task, "HOM")).toBe(true);
  });
});
