import type { Task } from "./types.ts";

/** Today in the person's own time zone, as a calendar date (YYYY-MM-DD, docs/contract.md#task). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Milliseconds from `now` to the next local midnight (a day may be 23 or 25 hours long where the
 * clocks change; the Date constructor knows).
 */
export function msUntilNextLocalMidnight(now: Date = new Date()): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return next.getTime() - now.getTime();
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); calendar arithmetic, no time zones. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A pending task whose due date has passed. Completed tasks are never overdue. */
export function isOverdue(task: Pick<Task, "completed" | "due_date">, today: string): boolean {
  return !task.completed && task.due_date !== null && task.due_date < today;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Short, relative where it helps: "Today", "Tomorrow", "Yesterday", "Fri", "3 Dec", "3 Dec 2027". */
export function formatDue(date: string, today: string, locale?: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return "Today";
  if (days === 1) return "Tomorrow";
  if (days === -1) return "Yesterday";
  const utc = new Date(`${date}T00:00:00Z`);
  if (days > 1 && days < 7) {
    return utc.toLocaleDateString(locale, { weekday: "short", timeZone: "UTC" });
  }
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  return utc.toLocaleDateString(locale, {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
}

/** The full date for assistive text and tooltips: "Friday, 3 December 2027". */
export function formatDueLong(date: string, locale?: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
