"use client";

import { useEffect, useState } from "react";
import { localToday, msUntilNextLocalMidnight } from "@/lib/tasks/dates.ts";

/**
 * Today's date in the person's time zone, which changes at their midnight without a reload
 * (docs/contract.md#tabs-states-and-text-on-the-task-page): "Due today" becomes "Overdue" on its
 * own. A timer is set to the next local midnight; a tab that slept through it (timers pause in
 * background tabs and suspended laptops) checks again when it is seen.
 */
export function useLocalToday(): string {
  const [today, setToday] = useState(() => localToday());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      setToday(localToday());
      schedule();
    };
    const schedule = () => {
      clearTimeout(timer);
      // Never early: a timer that fires a moment before midnight just sets the next one.
      timer = setTimeout(check, msUntilNextLocalMidnight());
    };
    const onVisible = () => document.visibilityState === "visible" && check();
    schedule();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  return today;
}
