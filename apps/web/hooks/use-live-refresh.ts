"use client";

import { useEffect } from "react";
import { onTabMessage } from "@/lib/api-client/tab-channel.ts";

/** Focus and visibility often arrive together: one refetch for both. */
const MIN_GAP_MS = 2_000;
/** A bulk action in another tab is many writes: one refetch once they pause. */
const SETTLE_MS = 300;

/**
 * Keeps a tab's list in step with changes made elsewhere
 * (docs/contract.md#tabs-states-and-text-on-the-task-page): it refetches when the tab becomes
 * visible or its window regains focus (another device may have changed something), and when
 * another tab of this browser says it changed this person's tasks.
 */
export function useLiveRefresh(refresh: () => Promise<void>, userId: string): void {
  useEffect(() => {
    // When focus or visibility last refetched (the pair arrives together).
    let lastFocus = Number.NEGATIVE_INFINITY;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let missed = false;
    const run = () => {
      missed = false;
      void refresh();
    };
    const onFocus = () => {
      if (document.visibilityState !== "visible") return;
      if (!missed && Date.now() - lastFocus < MIN_GAP_MS) return;
      lastFocus = Date.now();
      run();
    };
    const off = onTabMessage((message) => {
      if (message.type !== "tasks-changed" || message.userId !== userId) return;
      // A hidden tab catches up when it is seen again, not while nobody looks.
      if (document.visibilityState !== "visible") {
        missed = true;
        return;
      }
      clearTimeout(pending);
      pending = setTimeout(run, SETTLE_MS);
    });
    document.addEventListener("visibilitychange", onFocus);
    window.addEventListener("focus", onFocus);
    return () => {
      off();
      clearTimeout(pending);
      document.removeEventListener("visibilitychange", onFocus);
      window.removeEventListener("focus", onFocus);
    };
  }, [refresh, userId]);
}
