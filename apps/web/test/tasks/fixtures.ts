import type { Task } from "../../lib/tasks/types.ts";

let sequence = 0;

/** A task as the api would return it; `created_at` increases with each call unless given. */
export function aTask(overrides: Partial<Task> = {}): Task {
  sequence += 1;
  const created = new Date(Date.UTC(2026, 10, 1, 10, 0, sequence)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    user_id: "user-1",
    title: `Task ${sequence}`,
    description: null,
    completed: false,
    priority: "medium",
    due_date: null,
    tags: [],
    created_at: created,
    updated_at: created,
    completed_at: null,
    ...overrides,
  };
}
