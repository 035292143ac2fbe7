import type { Task, TaskPatch } from "./types.ts";

/**
 * Optimistic state for one task: the last version the api confirmed plus the changes still in
 * flight, in the order they were made. What the person sees is `project(entry)`. When a change
 * fails it is dropped and the rest are re-applied over the confirmed version, so a rollback
 * never undoes a later change that succeeded.
 */
export interface OptimisticEntry {
  confirmed: Task;
  pending: { opId: number; patch: TaskPatch }[];
}

/** A patch applied the way the api would (docs/contract.md#writes, `completed_at` included). */
export function applyPatch(task: Task, patch: TaskPatch, nowIso: string): Task {
  const next: Task = { ...task, ...patch, updated_at: nowIso };
  if (patch.completed !== undefined && patch.completed !== task.completed) {
    next.completed_at = patch.completed ? nowIso : null;
  }
  return next;
}

export function project(entry: OptimisticEntry, nowIso: string): Task {
  return entry.pending.reduce((task, op) => applyPatch(task, op.patch, nowIso), entry.confirmed);
}

export function addPending(
  entry: OptimisticEntry | undefined,
  current: Task,
  opId: number,
  patch: TaskPatch,
): OptimisticEntry {
  const base = entry ?? { confirmed: current, pending: [] };
  return { ...base, pending: [...base.pending, { opId, patch }] };
}

/** The api accepted `opId` and answered with `task`: it becomes the confirmed version. */
export function confirm(entry: OptimisticEntry, opId: number, task: Task): OptimisticEntry {
  return { confirmed: task, pending: entry.pending.filter((op) => op.opId !== opId) };
}

/** The api refused `opId`: forget it, keep the rest. */
export function reject(entry: OptimisticEntry, opId: number): OptimisticEntry {
  return { ...entry, pending: entry.pending.filter((op) => op.opId !== opId) };
}
