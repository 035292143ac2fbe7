import { describe, expect, it } from "vitest";
import { addPending, applyPatch, confirm, project, reject } from "../../lib/tasks/optimistic.ts";
import { aTask } from "./fixtures.ts";

const now = "2026-11-22T12:00:00.000Z";

describe("optimistic updates", () => {
  it("applies completion the way the api does", () => {
    const task = aTask();
    const done = applyPatch(task, { completed: true }, now);
    expect(done).toMatchObject({ completed: true, completed_at: now, updated_at: now });
    expect(applyPatch(done, { completed: true }, "later").completed_at).toBe(now);
    expect(applyPatch(done, { completed: false }, now).completed_at).toBeNull();
  });

  it("rolls back a refused change without undoing a later one", () => {
    const task = aTask({ title: "Buy milk" });
    let entry = addPending(undefined, task, 1, { title: "Buy oat milk" });
    entry = addPending(entry, project(entry, now), 2, { completed: true });
    expect(project(entry, now)).toMatchObject({ title: "Buy oat milk", completed: true });

    entry = reject(entry, 1);
    expect(project(entry, now)).toMatchObject({ title: "Buy milk", completed: true });

    const fromServer = { ...task, completed: true, completed_at: now };
    entry = confirm(entry, 2, fromServer);
    expect(entry.pending).toEqual([]);
    expect(project(entry, now)).toEqual(fromServer);
  });

  it("shows the server's answer under changes still in flight", () => {
    const task = aTask({ priority: "low" });
    let entry = addPending(undefined, task, 1, { priority: "high" });
    entry = addPending(entry, project(entry, now), 2, { tags: ["x"] });
    entry = confirm(entry, 1, { ...task, priority: "high", updated_at: "server" });
    expect(project(entry, now)).toMatchObject({ priority: "high", tags: ["x"] });
  });
});
