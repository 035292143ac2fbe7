"use client";

import { useLayoutEffect, useMemo } from "react";
import { useCurrentUser } from "@/components/session/current-user.tsx";
import { apiFetch, seedApiToken } from "@/lib/api-client/api-fetch.ts";
import { notifyingWrites } from "@/lib/api-client/tab-channel.ts";
import type { FirstPage } from "@/lib/tasks/first-page.ts";
import { createTasksClient } from "@/lib/tasks/tasks-client.ts";
import { ConnectionNotice } from "./connection-notice.tsx";
import { TaskBoard } from "./task-board.tsx";
import { ToastProvider } from "./toasts.tsx";

/**
 * Binds the task page to the signed-in person and to `apiFetch` (token, refresh, retry).
 * `firstPage` is what the server read for this page (null when it could not): the list starts
 * from it, and the token manager from its token (docs/contract.md#first-page-on-the-server).
 */
export function SignedInTaskBoard({ firstPage }: { firstPage: FirstPage | null }) {
  const user = useCurrentUser();
  // A layout effect: in the browser only, and before any child's passive effect asks for a token.
  const token = firstPage?.token;
  useLayoutEffect(() => {
    if (token) seedApiToken(token);
  }, [token]);
  // Writes tell the browser's other tabs, which refetch (docs/contract.md#tabs-states-and-text-on-the-task-page).
  const client = useMemo(
    () => createTasksClient(notifyingWrites(apiFetch, user.id), user.id),
    [user.id],
  );
  return (
    <ToastProvider>
      <ConnectionNotice />
      <TaskBoard client={client} userId={user.id} firstPage={firstPage} />
    </ToastProvider>
  );
}
