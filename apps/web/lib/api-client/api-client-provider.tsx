"use client";

import type { ReactNode } from "react";
import { configureApiClient } from "./api-fetch.ts";

/**
 * Hands the api's URL, read from the server's configuration at request time, to `apiFetch`.
 * It configures during render (idempotent) so the URL is known before any child effect runs.
 */
export function ApiClientProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  configureApiClient({ apiUrl });
  return children;
}
