"use client";

import { useSyncExternalStore } from "react";
import { isReconnecting, subscribeConnectionStatus } from "@/lib/api-client/connection-status.ts";

/**
 * "Reconnecting…" while any api call of this page waits to retry
 * (docs/contract.md#retries-from-the-browser). The live region is always in the page, so a screen
 * reader hears the words when they appear; polite, because the person's change is not lost yet.
 */
export function ConnectionNotice() {
  const reconnecting = useSyncExternalStore(subscribeConnectionStatus, isReconnecting, () => false);
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 top-2 z-50 flex justify-center"
    >
      {reconnecting ? (
        <p className="rounded-md bg-amber-100 px-3 py-1 text-sm font-medium text-amber-900 shadow dark:bg-amber-900 dark:text-amber-100">
          Reconnecting…
        </p>
      ) : null}
    </div>
  );
}
