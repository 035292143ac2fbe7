"use client";

import { useEffect } from "react";
import { clearApiToken } from "@/lib/api-client/api-fetch.ts";
import { onTabMessage } from "@/lib/api-client/tab-channel.ts";

/**
 * Signs this tab out when another tab of the browser signs out
 * (docs/contract.md#tabs-states-and-text-on-the-task-page): the in-memory token is dropped at
 * once, so nothing more reaches the api from here, and a full load of sign-in discards
 * everything the page held for the person.
 */
export function SessionSync() {
  useEffect(
    () =>
      onTabMessage((message) => {
        if (message.type !== "signed-out") return;
        clearApiToken();
        window.location.assign("/sign-in");
      }),
    [],
  );
  return null;
}
