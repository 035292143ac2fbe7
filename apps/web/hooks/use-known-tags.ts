"use client";

import { useState } from "react";
import type { Task } from "@/lib/tasks/types.ts";

/**
 * Every tag seen since the page opened, for the tag filter's menu. The api has no list of tags,
 * and a menu built from the visible rows alone would shrink as soon as a filter is applied.
 */
export function useKnownTags(tasks: Task[]): string[] {
  const [tags, setTags] = useState<string[]>([]);
  const [merged, setMerged] = useState<Task[] | null>(null);
  // Merged while rendering, when the list changes: an effect would first paint the menu without
  // the new tags and then render again (react.dev "adjusting some state when a prop changes").
  if (merged !== tasks) {
    setMerged(tasks);
    setTags((current) => {
      const seen = new Map(current.map((tag) => [tag.toLowerCase(), tag]));
      let added = false;
      for (const task of tasks) {
        for (const tag of task.tags) {
          if (!seen.has(tag.toLowerCase())) {
            seen.set(tag.toLowerCase(), tag);
            added = true;
          }
        }
      }
      return added ? [...seen.values()].sort((a, b) => a.localeCompare(b)) : current;
    });
  }
  return tags;
}
