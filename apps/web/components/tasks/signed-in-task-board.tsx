"use client";

import { useMemo } from "react";
import { useCurrentUser } from "@/components/session/current-user.tsx";
import { apiFetch } from "@/lib/api-client/api-fetch.ts";
import { notifyingWrites } from "@/lib/api-client/tab-channel.ts";
import { createTasksClient } from "@/lib/tasks/tasks-client.ts";
import { ConnectionNotice } from "./connection-notice.tsx";
import { TaskBoard } from "./task-board.tsx";
import { ToastProvider } from "./toasts.tsx";

/** Binds the task page to the signed-in person and to `apiFetch` (token, refresh, retry). */
export function SignedInTaskBoard() {
  const user = useCurrentUser();
  // Writes tell the browser's other tabs, which refetch (docs/contract.md#tabs-states-and-text-on-the-task-page).
  const client = useMemo(
    () => createTasksClient(notifyingWrites(apiFetch, user.id), user.id),
    [user.id],
  );
  return (
    <ToastProvider>
      <ConnectionNotice />
      <TaskBoard client={client} userId={user.id} />
    </ToastProvider>
  );
}
