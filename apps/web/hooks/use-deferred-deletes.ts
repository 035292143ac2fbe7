"use client";

import { useCallback, useEffect, useRef } from "react";
import type { ActivityTracker } from "@/lib/tasks/activity.ts";
import { displayedCounts, type ListAction, type ListState } from "@/lib/tasks/list-state.ts";
import { eachLimited } from "@/lib/tasks/each-limited.ts";
import { ApiProblemError, describeError } from "@/lib/tasks/problem.ts";
import type { TasksClient } from "@/lib/tasks/tasks-client.ts";
import type { Task } from "@/lib/tasks/types.ts";

/** How long a deleted task can be brought back. */
export const UNDO_WINDOW_MS = 6_000;

interface Batch {
  tasks: Task[];
  /** "Clear completed": one bulk delete of every completed task (docs/contract.md#bulk-writes). */
  clear: boolean;
  unloadedCompleted: number;
  toastId: number;
}

export interface DeleteNotifier {
  /** Shows the "Deleted … Undo" toast; `undo` restores, `expire` deletes for real. */
  offerUndo(message: string, undo: () => void, expire: () => void): number;
  dismiss(toastId: number): void;
  error(message: string): void;
}

interface DeleteDeps {
  client: TasksClient;
  activity: ActivityTracker;
  dispatch: (action: ListAction) => void;
  stateRef: React.RefObject<ListState>;
  notifier: DeleteNotifier;
  settled: (id: string) => Promise<unknown>;
  refreshCounts: () => Promise<void>;
  onRestored: (tasks: Task[]) => void;
}

const quote = (title: string) => `“${title.length > 40 ? `${title.slice(0, 39)}…` : title}”`;

/**
 * Deleting waits out an undo window before the api is asked: the task disappears at once and
 * comes back untouched (same id, same dates) on Undo, which re-creating it could not do. The
 * window ends early when the page is left, so a closed tab still deletes (keepalive requests).
 * "Clear completed" is one request whatever the count, sent without waiting for anything, so
 * that leaving the page mid-window cannot leave it half done (decision 035).
 */
export function useDeferredDeletes(deps: DeleteDeps) {
  const { client, activity, dispatch, stateRef, notifier, settled, refreshCounts, onRestored } =
    deps;
  const batches = useRef(new Map<number, Batch>());
  const sequence = useRef(0);

  const take = (id: number) => {
    const batch = batches.current.get(id);
    batches.current.delete(id);
    return batch;
  };

  const commitClear = useCallback(
    async (batch: Batch, keepalive: boolean) => {
      const hiddenIds = batch.tasks.map((task) => task.id);
      try {
        // Sent at once, nothing awaited first: on `pagehide` the request must leave now.
        const { ids } = await activity.track(client.removeCompleted({ keepalive }));
        const deleted = new Set(ids);
        dispatch({ type: "deleted", ids });
        // Reopened elsewhere meanwhile: not deleted, so it comes back.
        const kept = hiddenIds.filter((id) => !deleted.has(id));
        dispatch({ type: "unhide", ids: kept, unloadedCompleted: batch.unloadedCompleted });
      } catch (error) {
        dispatch({ type: "unhide", ids: hiddenIds, unloadedCompleted: batch.unloadedCompleted });
        notifier.error(`Could not clear completed tasks; they are back. ${describeError(error)}`);
      }
      await refreshCounts();
    },
    [activity, client, dispatch, notifier, refreshCounts],
  );

  const commit = useCallback(
    async (batchId: number, keepalive = false) => {
      const batch = take(batchId);
      if (!batch) return;
      if (batch.clear) return commitClear(batch, keepalive);
      const deleted: string[] = [];
      const failed: { id: string; error: unknown }[] = [];
      await eachLimited(
        batch.tasks.map((task) => task.id),
        4,
        async (id) => {
          await settled(id);
          try {
            await activity.track(client.remove(id, { keepalive }));
            deleted.push(id);
          } catch (error) {
            // Already gone (another tab) is what we wanted.
            if (error instanceof ApiProblemError && error.status === 404) deleted.push(id);
            else failed.push({ id, error });
          }
        },
      );
      dispatch({ type: "deleted", ids: deleted });
      if (failed.length > 0) {
        dispatch({ type: "unhide", ids: failed.map((failure) => failure.id) });
        const what = failed.length === 1 ? "a task" : `${failed.length} tasks`;
        notifier.error(
          `Could not delete ${what}; it is back in the list. ${describeError(failed[0]?.error)}`,
        );
      }
    },
    [activity, client, commitClear, dispatch, notifier, settled],
  );

  /**
   * Ends every "Clear completed" window now, deleting for real: a task about to be completed
   * must not be swept up by a clear the person chose before completing it.
   */
  const endClearWindows = useCallback(async () => {
    const pending = [...batches.current.entries()].filter(([, batch]) => batch.clear);
    await Promise.all(
      pending.map(async ([batchId, batch]) => {
        const done = commit(batchId);
        notifier.dismiss(batch.toastId);
        await done;
      }),
    );
  }, [commit, notifier]);

  const restore = useCallback(
    (batchId: number) => {
      const batch = take(batchId);
      if (!batch) return;
      dispatch({
        type: "unhide",
        ids: batch.tasks.map((task) => task.id),
        unloadedCompleted: batch.unloadedCompleted,
      });
      onRestored(batch.tasks);
    },
    [dispatch, onRestored],
  );

  const start = useCallback(
    (message: string, batch: Omit<Batch, "toastId">) => {
      const batchId = ++sequence.current;
      dispatch({ type: "hide", tasks: batch.tasks, unloadedCompleted: batch.unloadedCompleted });
      batches.current.set(batchId, { ...batch, toastId: 0 });
      const toastId = notifier.offerUndo(
        message,
        () => restore(batchId),
        () => void commit(batchId),
      );
      const stored = batches.current.get(batchId);
      if (stored) stored.toastId = toastId;
    },
    [commit, dispatch, notifier, restore],
  );

  const remove = useCallback(
    (task: Task) =>
      start(`Deleted ${quote(task.title)}`, { tasks: [task], clear: false, unloadedCompleted: 0 }),
    [start],
  );

  const clearCompleted = useCallback(() => {
    const state = stateRef.current;
    const loaded = state.items.filter(
      (task) => task.completed && !state.hidden[task.id] && !task.id.startsWith("temp-"),
    );
    const total = displayedCounts(state)?.completed ?? loaded.length;
    const unloadedCompleted = Math.max(0, total - loaded.length);
    if (loaded.length + unloadedCompleted === 0) return;
    const count = loaded.length + unloadedCompleted;
    start(`Cleared ${count} completed ${count === 1 ? "task" : "tasks"}`, {
      tasks: loaded,
      clear: true,
      unloadedCompleted,
    });
  }, [start, stateRef]);

  /** Ctrl+Z: brings back the most recent delete still inside its window. */
  const undoLast = useCallback((): boolean => {
    const last = [...batches.current.keys()].at(-1);
    if (last === undefined) return false;
    const toastId = batches.current.get(last)?.toastId;
    restore(last);
    if (toastId) notifier.dismiss(toastId);
    return true;
  }, [notifier, restore]);

  // Through a ref: the listener must outlive re-renders, and its cleanup (which deletes for
  // real) must run only when the list goes away, never because a callback changed identity.
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);
  useEffect(() => {
    const current = batches.current;
    const flush = () => {
      for (const batchId of [...current.keys()]) void commitRef.current(batchId, true);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, []);

  return { remove, clearCompleted, undoLast, endClearWindows };
}
