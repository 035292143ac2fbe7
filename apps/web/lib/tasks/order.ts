import type { TaskQuery } from "./query.ts";
import type { Priority, Task } from "./types.ts";

const PRIORITY_RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2 };

/**
 * The api's order (docs/contract.md#listing) in JavaScript, used only to place a task created here
 * among the ones already loaded; the list is otherwise shown in the order the api returned it, so
 * that rows never jump under the pointer after an edit.
 */
export function compareTasks(a: Task, b: Task, query: Pick<TaskQuery, "sort" | "order">): number {
  const direction = query.order === "asc" ? 1 : -1;
  let result = 0;
  switch (query.sort) {
    case "created":
      result = 0;
      break;
    case "updated":
      result = a.updated_at.localeCompare(b.updated_at);
      break;
    case "title":
      result = a.title.localeCompare(b.title, undefined, { sensitivity: "base" });
      break;
    case "priority":
      result = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
      break;
    case "due_date":
      // Tasks without a due date come last in either order.
      if (a.due_date === null || b.due_date === null) {
        if (a.due_date !== b.due_date) return a.due_date === null ? 1 : -1;
      } else result = a.due_date.localeCompare(b.due_date);
      break;
  }
  if (result !== 0) return result * direction;
  const tie = a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
  return tie * direction;
}

/**
 * Where a new task goes among the loaded ones: its sorted position, or null when it sorts after
 * the last loaded task while more pages remain (it will arrive with a later page).
 */
export function insertionIndex(
  tasks: readonly Task[],
  task: Task,
  query: Pick<TaskQuery, "sort" | "order">,
  hasMore: boolean,
): number | null {
  const index = tasks.findIndex((other) => compareTasks(task, other, query) < 0);
  if (index === -1) return hasMore ? null : tasks.length;
  return index;
}

/** Whether a task belongs in the list under the query's exact-match filters. */
export function matchesFilters(task: Task, query: TaskQuery): boolean {
  if (query.status === "pending" && task.completed) return false;
  if (query.status === "completed" && !task.completed) return false;
  if (query.priority && task.priority !== query.priority) return false;
  if (query.tag) {
    const wanted = query.tag.toLowerCase();
    if (!task.tags.some((tag) => tag.toLowerCase() === wanted)) return false;
  }
  return true;
}

/**
 * Whether a task matches the text search, as the api's case-insensitive search in title,
 * description and tags does (docs/contract.md#listing). Used for new tasks only: the api decides for everything it returns.
 */
export function matchesSearch(task: Task, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === "") return true;
  return (
    task.title.toLowerCase().includes(needle) ||
    (task.description ?? "").toLowerCase().includes(needle) ||
    task.tags.some((tag) => tag.toLowerCase().includes(needle))
  );
}
