"use client";

import { useCallback, useRef } from "react";
import type { ActivityTracker } from "@/lib/tasks/activity.ts";
import type { TaskFields } from "@/lib/tasks/draft.ts";
import type { ListAction, ListState } from "@/lib/tasks/list-state.ts";
import {
  addPending,
  confirm,
  type OptimisticEntry,
  project,
  reject,
} from "@/lib/tasks/optimistic.ts";
import { ApiProblemError } from "@/lib/tasks/problem.ts";
import type { TasksClient } from "@/lib/tasks/tasks-client.ts";
import type { Task, TaskCreate, TaskPatch } from "@/lib/tasks/types.ts";

export type MutationResult<T = Task> = { ok: true; task: T } | { ok: false; error: unknown };

interface MutationDeps {
  client: TasksClient;
  activity: ActivityTracker;
  userId: string;
  dispatch: (action: ListAction) => void;
  stateRef: React.RefObject<ListState>;
}

const nowIso = () => new Date().toISOString();

/** Defaults are left out of the body: the api fills them in, and the request stays minimal. */
function createBody(fields: TaskFields): TaskCreate {
  const body: TaskCreate = { title: fields.title };
  if (fields.description !== null) body.description = fields.description;
  if (fields.priority !== "medium") body.priority = fields.priority;
  if (fields.due_date !== null) body.due_date = fields.due_date;
  if (fields.tags.length > 0) body.tags = fields.tags;
  return body;
}

/**
 * Creates and changes tasks optimistically: the list shows the result at once, the api is asked
 * in the background (one request at a time per task, so they land in order), and a refusal
 * rolls back only the change that was refused. Callers decide how to tell the person.
 */
export function useTaskMutations({ client, activity, userId, dispatch, stateRef }: MutationDeps) {
  const entries = useRef(new Map<string, OptimisticEntry>());
  const queues = useRef(new Map<string, Promise<unknown>>());
  const sequence = useRef(0);

  const enqueue = useCallback(<T>(id: string, run: () => Promise<T>): Promise<T> => {
    const previous = queues.current.get(id) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    queues.current.set(id, settled);
    void settled.then(() => {
      if (queues.current.get(id) === settled) queues.current.delete(id);
    });
    return next;
  }, []);

  const settle = useCallback(
    (id: string, change: (entry: OptimisticEntry) => OptimisticEntry) => {
      const entry = entries.current.get(id);
      if (!entry) return;
      const next = change(entry);
      if (next.pending.length === 0) entries.current.delete(id);
      else entries.current.set(id, next);
      dispatch({ type: "task/update", task: project(next, nowIso()) });
    },
    [dispatch],
  );

  const mutate = useCallback(
    async (
      task: Task,
      patch: TaskPatch,
      send: (id: string) => Promise<Task>,
    ): Promise<MutationResult> => {
      const opId = ++sequence.current;
      const shown = stateRef.current.items.find((item) => item.id === task.id) ?? task;
      const entry = addPending(entries.current.get(task.id), shown, opId, patch);
      entries.current.set(task.id, entry);
      dispatch({ type: "task/update", task: project(entry, nowIso()) });
      try {
        const saved = await activity.track(enqueue(task.id, () => send(task.id)));
        settle(task.id, (current) => confirm(current, opId, saved));
        return { ok: true, task: saved };
      } catch (error) {
        if (error instanceof ApiProblemError && error.status === 404) {
          // Deleted elsewhere (another tab): it cannot come back, so it leaves the list.
          entries.current.delete(task.id);
          dispatch({ type: "task/remove", task: shown });
        } else {
          settle(task.id, (current) => reject(current, opId));
        }
        return { ok: false, error };
      }
    },
    [activity, dispatch, enqueue, settle, stateRef],
  );

  const create = useCallback(
    async (fields: TaskFields): Promise<MutationResult> => {
      const now = nowIso();
      const temp: Task = {
        ...fields,
        id: `temp-${++sequence.current}`,
        user_id: userId,
        completed: false,
        created_at: now,
        updated_at: now,
        completed_at: null,
      };
      dispatch({ type: "task/insert", task: temp });
      try {
        const saved = await activity.track(client.create(createBody(fields)));
        dispatch({ type: "task/replace-id", fromId: temp.id, task: saved });
        return { ok: true, task: saved };
      } catch (error) {
        dispatch({ type: "task/remove", task: temp });
        return { ok: false, error };
      }
    },
    [activity, client, dispatch, userId],
  );

  const setCompleted = useCallback(
    (task: Task, completed: boolean) =>
      mutate(task, { completed }, (id) => client.complete(id, completed)),
    [client, mutate],
  );

  const update = useCallback(
    (task: Task, patch: TaskPatch) => mutate(task, patch, (id) => client.patch(id, patch)),
    [client, mutate],
  );

  /** Resolves once every change already sent for this task has settled. */
  const settled = useCallback((id: string) => queues.current.get(id) ?? Promise.resolve(), []);

  return { create, setCompleted, update, settled };
}
