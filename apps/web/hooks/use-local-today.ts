"use client";

import { useSyncExternalStore } from "react";
import { localToday, msUntilNextLocalMidnight } from "@/lib/tasks/dates.ts";

/**
 * Tells React when today may have changed: at the next local midnight, and when the tab is seen
 * again (timers pause in background tabs and suspended laptops).
 */
function subscribe(onChange: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    // Never early: a timer that fires a moment before midnight just sets the next one.
    timer = setTimeout(() => {
      onChange();
      schedule();
    }, msUntilNextLocalMidnight());
  };
  const onVisible = () => {
    if (document.visibilityState !== "visible") return;
    onChange();
    schedule();
  };
  schedule();
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
  };
}

/**
 * Today's date in the person's time zone, which changes at their midnight without a reload
 * (docs/contract.md#tabs-states-and-text-on-the-task-page): "Due today" becomes "Overdue" on its
 * own. `serverToday` is the date the server rendered the rows against
 * (docs/contract.md#first-page-on-the-server): hydration uses it, so the HTML matches, and React
 * renders again at once with the browser's own date where that differs.
 */
export function useLocalToday(serverToday?: string): string {
  return useSyncExternalStore(
    subscribe,
    () => localToday(),
    () => serverToday ?? localToday(),
  );
}
