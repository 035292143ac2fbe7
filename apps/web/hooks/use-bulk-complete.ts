"use client";

import { useCallback } from "react";
import type { ActivityTracker } from "@/lib/tasks/activity.ts";
import { eachLimited } from "@/lib/tasks/each-limited.ts";
import type { ListState } from "@/lib/tasks/list-state.ts";
import { describeError } from "@/lib/tasks/problem.ts";
import type { TasksClient } from "@/lib/tasks/tasks-client.ts";
import type { Task } from "@/lib/tasks/types.ts";
import type { MutationResult } from "./use-task-mutations.ts";

interface BulkDeps {
  client: TasksClient;
  activity: ActivityTracker;
  stateRef: React.RefObject<ListState>;
  setCompleted: (task: Task, completed: boolean) => Promise<MutationResult>;
  refreshCounts: () => Promise<void>;
  notify: (message: string, undo?: () => void) => void;
  error: (message: string) => void;
}

/**
 * "Mark all as complete" (TodoMVC) over every task, not only the loaded ones: the ids come from
 * the api, loaded rows change optimistically, the others are sent four at a time, and Undo puts
 * exactly those tasks back.
 */
export function useBulkComplete(deps: BulkDeps) {
  const { client, activity, stateRef, setCompleted, refreshCounts, notify, error } = deps;

  const apply = useCallback(
    async (ids: string[], completed: boolean): Promise<number> => {
      const state = stateRef.current;
      const loaded = new Map(state.items.map((task) => [task.id, task]));
      const targets = ids.filter((id) => !state.hidden[id]);
      let failed = 0;
      const onLoaded = targets.flatMap((id) => loaded.get(id) ?? []);
      const elsewhere = targets.filter((id) => !loaded.has(id));
      const loadedDone = Promise.all(
        onLoaded.map(async (task) => {
          if ((await setCompleted(task, completed)).ok === false) failed += 1;
        }),
      );
      await eachLimited(elsewhere, 4, async (id) => {
        await activity.track(client.complete(id, completed)).catch(() => (failed += 1));
      });
      await loadedDone;
      await refreshCounts();
      return failed;
    },
    [activity, client, refreshCounts, setCompleted, stateRef],
  );

  return useCallback(
    async (completed: boolean) => {
      let ids: string[];
      try {
        ids = await client.listIds(completed ? "pending" : "completed");
      } catch (cause) {
        error(`Could not change your tasks. ${describeError(cause)}`);
        return;
      }
      if (ids.length === 0) return;
      const failed = await apply(ids, completed);
      if (failed > 0) {
        error(`${failed} of ${ids.length} tasks could not be changed. Try again in a moment.`);
        return;
      }
      const what = `${ids.length} ${ids.length === 1 ? "task" : "tasks"}`;
      notify(
        completed ? `Completed ${what}` : `Reopened ${what}`,
        () => void apply(ids, !completed),
      );
    },
    [apply, client, error, notify],
  );
}
