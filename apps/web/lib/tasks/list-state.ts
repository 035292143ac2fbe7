import { insertionIndex, matchesFilters } from "./order.ts";
import type { TaskQuery } from "./query.ts";
import type { TaskCounts, TaskPage } from "./tasks-client.ts";
import type { Task } from "./types.ts";

/**
 * The loaded task list and the counts in one reducer, so every change (a page arriving, an
 * optimistic edit, a rollback, a delete waiting for its undo window) is one pure transition.
 */
export interface ListState {
  query: TaskQuery;
  phase: "loading" | "ready" | "error";
  /** Why the first page failed, shown with a retry button. */
  error: string | null;
  /** Loaded tasks in display order: the api's order, plus tasks created here. */
  items: Task[];
  /** `X-Total-Count` of the query, adjusted for local creates and deletes. */
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  /** Identifies the latest list request; answers to older ones are ignored. */
  requestId: number;
  /** Pending/completed of all the person's tasks, as the api last counted them (null: not yet). */
  counts: TaskCounts | null;
  /** Tasks deleted here but still inside their undo window (the api has not been asked yet). */
  hidden: Record<string, Task>;
  /** Completed tasks not loaded here but being cleared by "clear completed". */
  clearingUnloaded: number;
  /** Tasks created here while a first page was loading: its answer may predate them. */
  createdWhileLoading: string[];
}

export type ListAction =
  | { type: "load/start"; query: TaskQuery; requestId: number }
  | { type: "load/success"; requestId: number; page: TaskPage }
  | { type: "load/failure"; requestId: number; message: string }
  | { type: "more/start"; requestId: number }
  | { type: "more/success"; requestId: number; page: TaskPage }
  | { type: "more/failure"; requestId: number }
  | { type: "counts/loaded"; counts: TaskCounts }
  | { type: "task/insert"; task: Task }
  | { type: "task/update"; task: Task }
  | { type: "task/replace-id"; fromId: string; task: Task }
  | { type: "task/remove"; task: Task }
  | { type: "hide"; tasks: Task[]; unloadedCompleted?: number }
  | { type: "unhide"; ids: string[]; unloadedCompleted?: number }
  | { type: "deleted"; ids: string[] };

export function initialListState(query: TaskQuery): ListState {
  return {
    query,
    phase: "loading",
    error: null,
    items: [],
    total: 0,
    hasMore: false,
    loadingMore: false,
    requestId: 0,
    counts: null,
    hidden: {},
    clearingUnloaded: 0,
    createdWhileLoading: [],
  };
}

/**
 * The state of a list whose first page is already known (rendered on the server): the same as a
 * first load that succeeded, with the counts.
 */
export function listStateFromFirstPage(
  query: TaskQuery,
  page: TaskPage,
  counts: TaskCounts,
): ListState {
  const loaded = listReducer(initialListState(query), { type: "load/success", requestId: 0, page });
  return listReducer(loaded, { type: "counts/loaded", counts });
}

function adjustCounts(counts: TaskCounts | null, task: Task, delta: number): TaskCounts | null {
  if (!counts) return counts;
  const key = task.completed ? "completed" : "pending";
  return { ...counts, [key]: Math.max(0, counts[key] + delta) };
}

function appendUnique(items: Task[], more: Task[]): Task[] {
  const seen = new Set(items.map((task) => task.id));
  return [...items, ...more.filter((task) => !seen.has(task.id))];
}

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case "load/start":
      // Old rows stay on screen (dimmed) until the new ones arrive: no flash of skeletons.
      return {
        ...state,
        query: action.query,
        phase: "loading",
        error: null,
        requestId: action.requestId,
        loadingMore: false,
        createdWhileLoading: [],
      };
    case "load/success": {
      if (action.requestId !== state.requestId) return state;
      let { items, total } = { items: action.page.tasks, total: action.page.total };
      for (const id of state.createdWhileLoading) {
        const task = state.items.find((item) => item.id === id);
        if (!task || items.some((item) => item.id === id)) continue;
        const index = insertionIndex(items, task, state.query, action.page.hasMore);
        if (index === null) continue;
        items = [...items.slice(0, index), task, ...items.slice(index)];
        total += 1;
      }
      const page = { items, total, hasMore: action.page.hasMore };
      return { ...state, ...page, phase: "ready", createdWhileLoading: [] };
    }
    case "load/failure":
      if (action.requestId !== state.requestId) return state;
      return { ...state, phase: "error", error: action.message };
    case "more/start":
      if (action.requestId !== state.requestId) return state;
      return { ...state, loadingMore: true };
    case "more/success":
      if (action.requestId !== state.requestId) return state;
      return {
        ...state,
        loadingMore: false,
        items: appendUnique(state.items, action.page.tasks),
        total: action.page.total,
        hasMore: action.page.hasMore,
      };
    case "more/failure":
      if (action.requestId !== state.requestId) return state;
      return { ...state, loadingMore: false };
    case "counts/loaded":
      return { ...state, counts: action.counts };
    case "task/insert": {
      // Counted at once, even when the current filters keep it off screen.
      const counts = adjustCounts(state.counts, action.task, 1);
      if (!matchesFilters(action.task, state.query)) return { ...state, counts };
      const index = insertionIndex(state.items, action.task, state.query, state.hasMore);
      if (index === null) return { ...state, counts, total: state.total + 1 };
      const items = [...state.items.slice(0, index), action.task, ...state.items.slice(index)];
      const createdWhileLoading =
        state.phase === "loading"
          ? [...state.createdWhileLoading, action.task.id]
          : state.createdWhileLoading;
      return { ...state, counts, items, total: state.total + 1, createdWhileLoading };
    }
    case "task/update": {
      const before = state.items.find((task) => task.id === action.task.id);
      if (!before) return state;
      let counts = state.counts;
      if (before.completed !== action.task.completed) {
        counts = adjustCounts(adjustCounts(counts, before, -1), action.task, 1);
      }
      const items = state.items.map((task) => (task.id === action.task.id ? action.task : task));
      return { ...state, items, counts };
    }
    case "task/replace-id":
      return {
        ...state,
        items: state.items.map((task) => (task.id === action.fromId ? action.task : task)),
        createdWhileLoading: state.createdWhileLoading.map((id) =>
          id === action.fromId ? action.task.id : id,
        ),
      };
    case "task/remove": {
      const counts = adjustCounts(state.counts, action.task, -1);
      const items = state.items.filter((task) => task.id !== action.task.id);
      const removed = items.length !== state.items.length;
      return {
        ...state,
        counts,
        items,
        total: removed ? Math.max(0, state.total - 1) : state.total,
      };
    }
    case "hide": {
      const hidden = { ...state.hidden };
      for (const task of action.tasks) hidden[task.id] = task;
      return {
        ...state,
        hidden,
        clearingUnloaded: state.clearingUnloaded + (action.unloadedCompleted ?? 0),
      };
    }
    case "unhide": {
      const hidden = { ...state.hidden };
      for (const id of action.ids) delete hidden[id];
      return {
        ...state,
        hidden,
        clearingUnloaded: Math.max(0, state.clearingUnloaded - (action.unloadedCompleted ?? 0)),
      };
    }
    case "deleted": {
      const gone = new Set(action.ids);
      const hidden = { ...state.hidden };
      let pending = 0;
      let completed = 0;
      for (const id of action.ids) {
        const task = hidden[id] ?? state.items.find((item) => item.id === id);
        if (task?.completed) completed += 1;
        else if (task) pending += 1;
        delete hidden[id];
      }
      const items = state.items.filter((task) => !gone.has(task.id));
      const removedVisible = state.items.filter(
        (task) => gone.has(task.id) && matchesFilters(task, state.query),
      ).length;
      const counts = state.counts && {
        pending: Math.max(0, state.counts.pending - pending),
        completed: Math.max(0, state.counts.completed - completed),
      };
      return { ...state, items, hidden, counts, total: Math.max(0, state.total - removedVisible) };
    }
  }
}

/** The rows to show: loaded, matching the filters, and not waiting out an undo window. */
export function visibleTasks(state: ListState): Task[] {
  return state.items.filter((task) => !state.hidden[task.id] && matchesFilters(task, state.query));
}

/** Counts as the person should see them: tasks inside an undo window already gone. */
export function displayedCounts(state: ListState): TaskCounts | null {
  if (!state.counts) return null;
  let pending = state.counts.pending;
  let completed = state.counts.completed - state.clearingUnloaded;
  for (const task of Object.values(state.hidden)) {
    if (task.completed) completed -= 1;
    else pending -= 1;
  }
  return { pending: Math.max(0, pending), completed: Math.max(0, completed) };
}

/** Where the next page starts: the loaded tasks the api still counts under this query. */
export function nextOffset(state: ListState): number {
  return state.items.filter(
    (task) => matchesFilters(task, state.query) && !task.id.startsWith("temp-"),
  ).length;
}
