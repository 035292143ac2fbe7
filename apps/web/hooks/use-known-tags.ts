"use client";

import { useEffect, useMemo, useState } from "react";
import type { TasksClient } from "@/lib/tasks/tasks-client.ts";
import type { TaskCounts } from "@/lib/tasks/tasks-client.ts";
import type { Task } from "@/lib/tasks/types.ts";

/**
 * Quiet time after a change before the tags are asked for again: a burst of writes (completing
 * many tasks one by one) then costs one request, not one per write.
 */
const REFRESH_DELAY_MS = 300;

/**
 * Every tag the person has, for the tag filter's menu: the api's list (docs/contract.md#tags:
 * all of them, not only those of the loaded page), merged with the tags of the loaded tasks so
 * that a tag just added shows before the api is asked again. Asked again when `counts` changes,
 * which every create, edit, completion, delete and refresh does.
 */
export function useKnownTags(
  client: TasksClient,
  tasks: Task[],
  counts: TaskCounts | null,
): string[] {
  const [fromApi, setFromApi] = useState<string[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      client.tags(controller.signal).then(
        (tags) => setFromApi(tags.map((entry) => entry.tag)),
        () => undefined, // The menu is an aid: it keeps what it had; the list shows its own errors.
      );
    }, REFRESH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, counts]);

  return useMemo(() => {
    const seen = new Map(fromApi.map((tag) => [tag.toLowerCase(), tag]));
    for (const task of tasks) {
      for (const tag of task.tags)
        if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
    }
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  }, [fromApi, tasks]);
}
