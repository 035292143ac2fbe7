"use client";

import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";
import type { ActivityTracker } from "@/lib/tasks/activity.ts";
import type { FirstPage } from "@/lib/tasks/first-page.ts";
import {
  initialListState,
  listReducer,
  listStateFromFirstPage,
  type ListState,
  nextOffset,
} from "@/lib/tasks/list-state.ts";
import { describeError, isQuietError } from "@/lib/tasks/problem.ts";
import { serializeTaskQuery, type TaskQuery } from "@/lib/tasks/query.ts";
import {
  LIST_PAGE_SIZE as PAGE_SIZE,
  LIST_READ_RETRY_POLICY,
  type TasksClient,
} from "@/lib/tasks/tasks-client.ts";
import { TASK_LIMITS } from "@/lib/tasks/types.ts";

/**
 * After a first page fails, the list asks again by itself: soon, then less and less often
 * (docs/contract.md#tabs-states-and-text-on-the-task-page), and at once when the browser says it
 * is online again.
 */
const RECOVERY_FIRST_DELAY_MS = 2_000;
const RECOVERY_MAX_DELAY_MS = 30_000;

export interface TaskListLoader {
  state: ListState;
  dispatch: React.Dispatch<Parameters<typeof listReducer>[1]>;
  /** The latest state, for event handlers that run after renders. */
  stateRef: React.RefObject<ListState>;
  reload: () => void;
  /**
   * Loads the list again with as many rows as are loaded now (so nothing scrolled to goes away),
   * once no write of this page is in flight: for changes made in another tab or device.
   */
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  refreshCounts: () => Promise<void>;
}

/**
 * Loads the first page whenever the query changes (cancelling the previous request), further
 * pages on demand, and the person's overall counts. When the server rendered the first page for
 * this very query (`firstPage`, docs/contract.md#first-page-on-the-server), the list starts from
 * it and neither the page nor the counts are asked for again on mount.
 */
export function useTaskListLoader(
  client: TasksClient,
  query: TaskQuery,
  activity: ActivityTracker,
  onError: (message: string) => void,
  firstPage: FirstPage | null = null,
): TaskListLoader {
  const [state, dispatch] = useReducer(listReducer, query, (initialQuery) =>
    firstPage && firstPage.queryKey === serializeTaskQuery(initialQuery)
      ? listStateFromFirstPage(initialQuery, firstPage.page, firstPage.counts)
      : initialListState(initialQuery),
  );
  // The first run of each loading effect below is skipped when the server's rows are the answer.
  const skipFirstLoad = useRef(state.phase === "ready");
  const skipFirstCounts = useRef(state.counts !== null);
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const requestSeq = useRef(0);
  const [reloadKey, setReloadKey] = useState(0);
  // Rows the next load should cover (a refresh keeps what was loaded); 0 for a first page.
  const nextLoadRows = useRef(0);
  const queryKey = serializeTaskQuery(query);

  useEffect(() => {
    if (skipFirstLoad.current) {
      skipFirstLoad.current = false;
      return;
    }
    const requestId = ++requestSeq.current;
    const controller = new AbortController();
    const limit = Math.min(TASK_LIMITS.listLimitMax, Math.max(PAGE_SIZE, nextLoadRows.current));
    nextLoadRows.current = 0;
    dispatch({ type: "load/start", query, requestId });
    // A first page gives up sooner than a write: the page then says so, with Try again, and
    // keeps trying by itself (the effect below) instead of showing stale or empty rows.
    client.list(query, { limit, offset: 0 }, controller.signal, LIST_READ_RETRY_POLICY).then(
      (page) => dispatch({ type: "load/success", requestId, page }),
      (error: unknown) => {
        if (controller.signal.aborted || isQuietError(error)) return;
        dispatch({ type: "load/failure", requestId, message: describeError(error) });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `queryKey` describes `query` fully; a new object for the same URL must not refetch
  }, [client, queryKey, reloadKey]);

  // Counts taken while a write is in flight may predate it and would undo its local
  // adjustment: such an answer is dropped and asked for again once the writes have landed.
  const refreshCounts = useCallback(async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      await activity.whenIdle();
      const started = activity.started;
      let counts: Awaited<ReturnType<TasksClient["counts"]>>;
      try {
        counts = await client.counts();
      } catch {
        return; // The counts are decoration; the list shows its own errors.
      }
      if (activity.started === started && activity.active === 0) {
        dispatch({ type: "counts/loaded", counts });
        return;
      }
    }
  }, [activity, client]);

  useEffect(() => {
    if (skipFirstCounts.current) {
      skipFirstCounts.current = false;
      return;
    }
    void refreshCounts();
  }, [refreshCounts, reloadKey]);

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (!current.hasMore || current.loadingMore || current.phase !== "ready") return;
    const requestId = current.requestId;
    dispatch({ type: "more/start", requestId });
    try {
      const page = await client.list(current.query, {
        limit: PAGE_SIZE,
        offset: nextOffset(current),
      });
      dispatch({ type: "more/success", requestId, page });
    } catch (error) {
      dispatch({ type: "more/failure", requestId });
      if (!isQuietError(error)) onError(`Could not load more tasks. ${describeError(error)}`);
    }
  }, [client, onError]);

  const reload = useCallback(() => setReloadKey((key) => key + 1), []);

  const refresh = useCallback(async () => {
    await activity.whenIdle();
    nextLoadRows.current = nextOffset(stateRef.current);
    setReloadKey((key) => key + 1);
  }, [activity]);

  // A failed first page (offline, or a server error) is asked for again by itself.
  const failures = useRef(0);
  useEffect(() => {
    if (state.phase === "ready") failures.current = 0;
    if (state.phase !== "error") return;
    const delay = Math.min(RECOVERY_MAX_DELAY_MS, RECOVERY_FIRST_DELAY_MS * 2 ** failures.current);
    failures.current += 1;
    const timer = setTimeout(reload, delay);
    window.addEventListener("online", reload);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", reload);
    };
  }, [state.phase, state.requestId, reload]);

  return { state, dispatch, stateRef, reload, refresh, loadMore, refreshCounts };
}
