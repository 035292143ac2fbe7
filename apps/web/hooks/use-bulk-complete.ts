"use client";

import { useCallback } from "react";
import type { ActivityTracker } from "@/lib/tasks/activity.ts";
import type { ListAction, ListState } from "@/lib/tasks/list-state.ts";
import { describeError } from "@/lib/tasks/problem.ts";
import type { TasksClient } from "@/lib/tasks/tasks-client.ts";

interface BulkDeps {
  client: TasksClient;
  activity: ActivityTracker;
  stateRef: React.RefObject<ListState>;
  dispatch: (action: ListAction) => void;
  /** Resolves once a pending "Clear completed" has been sent (it must not sweep these up). */
  beforeCompleting: () => Promise<void>;
  refreshCounts: () => Promise<void>;
  notify: (message: string, undo?: () => void) => void;
  error: (message: string) => void;
}

/**
 * "Mark all as complete" (TodoMVC) over every task, not only the loaded ones: one request to the
 * api's bulk completion (docs/contract.md#bulk-writes), which answers exactly which tasks it
 * changed, so that Undo puts back exactly those — also in one request (per 1,000 ids).
 */
export function useBulkComplete(deps: BulkDeps) {
  const { client, activity, stateRef, dispatch, beforeCompleting, refreshCounts, notify, error } =
    deps;

  /** Shows the api's answer on the loaded rows, then counts again. */
  const show = useCallback(
    async (ids: string[], completed: boolean) => {
      const changed = new Set(ids);
      const now = new Date().toISOString();
      for (const task of stateRef.current.items) {
        if (!changed.has(task.id)) continue;
        const completedAt = completed ? now : null;
        dispatch({
          type: "task/update",
          task: { ...task, completed, completed_at: completedAt, updated_at: now },
        });
      }
      await refreshCounts();
    },
    [dispatch, refreshCounts, stateRef],
  );

  const run = useCallback(
    async (completed: boolean, ids?: string[]) => {
      if (completed) await beforeCompleting();
      try {
        const result = await activity.track(client.completeMany(completed, ids));
        await show(result.ids, completed);
        return result.ids;
      } catch (cause) {
        error(`Could not change your tasks. ${describeError(cause)}`);
        await refreshCounts();
        return null;
      }
    },
    [activity, beforeCompleting, client, error, refreshCounts, show],
  );

  return useCallback(
    async (completed: boolean) => {
      const ids = await run(completed);
      if (ids === null || ids.length === 0) return;
      const what = `${ids.length} ${ids.length === 1 ? "task" : "tasks"}`;
      notify(completed ? `Completed ${what}` : `Reopened ${what}`, () => void run(!completed, ids));
    },
    [notify, run],
  );
}
