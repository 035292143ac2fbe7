"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseTaskQuery, serializeTaskQuery, type TaskQuery } from "@/lib/tasks/query.ts";

export type SetTaskQuery = (changes: Partial<TaskQuery>, options?: { replace?: boolean }) => void;

/**
 * The list's query, read from and written to the URL. Writing uses the History API, which Next
 * folds into its router: `useSearchParams` updates, back/forward work, and no server round trip
 * happens for a filter change. Filter clicks push an entry; typing in search replaces it.
 */
export function useTaskQuery(): [TaskQuery, SetTaskQuery] {
  const searchParams = useSearchParams();
  const key = searchParams.toString();
  // Keyed on the string: a new URLSearchParams object for the same URL is the same query.
  const query = useMemo(() => parseTaskQuery(new URLSearchParams(key)), [key]);

  const setQuery = useCallback<SetTaskQuery>((changes, options = {}) => {
    const current = parseTaskQuery(new URLSearchParams(window.location.search));
    const search = serializeTaskQuery({ ...current, ...changes });
    const url = `${window.location.pathname}${search ? `?${search}` : ""}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (options.replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }, []);

  return [query, setQuery];
}
