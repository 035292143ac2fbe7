import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  formatDue,
  isOverdue,
  localToday,
  msUntilNextLocalMidnight,
} from "../../lib/tasks/dates.ts";

describe("due dates", () => {
  it("takes today from the local calendar", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });

  it("counts the time to the next local midnight, which is when today changes", () => {
    const evening = new Date(2026, 0, 5, 23, 59, 30);
    const wait = msUntilNextLocalMidnight(evening);
    expect(wait).toBe(30_000);
    expect(localToday(new Date(evening.getTime() + wait))).toBe("2026-01-06");
    expect(localToday(new Date(evening.getTime() + wait - 1))).toBe("2026-01-05");
    // At midnight itself: the whole day until the next one.
    expect(
      localToday(
        new Date(new Date(2026, 0, 6).getTime() + msUntilNextLocalMidnight(new Date(2026, 0, 6))),
      ),
    ).toBe("2026-01-07");
  });

  it("marks pending tasks past their due date as overdue, never completed ones", () => {
    const today = "2026-11-22";
    expect(isOverdue({ completed: false, due_date: "2026-11-21" }, today)).toBe(true);
    expect(isOverdue({ completed: false, due_date: "2026-11-22" }, today)).toBe(false);
    expect(isOverdue({ completed: true, due_date: "2026-01-01" }, today)).toBe(false);
    expect(isOverdue({ completed: false, due_date: null }, today)).toBe(false);
  });

  it("counts calendar days across a month and a DST change", () => {
    expect(daysBetween("2026-03-28", "2026-04-02")).toBe(5);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("formats relative to today", () => {
    const today = "2026-11-22"; // a Sunday
    expect(formatDue(today, today)).toBe("Today");
    expect(formatDue("2026-11-23", today)).toBe("Tomorrow");
    expect(formatDue("2026-11-21", today)).toBe("Yesterday");
    expect(formatDue("2026-11-27", today, "en-GB")).toBe("Fri");
    expect(formatDue("2026-12-03", today, "en-GB")).toBe("3 Dec");
    expect(formatDue("2027-01-03", today, "en-GB")).toBe("3 Jan 2027");
  });
});
