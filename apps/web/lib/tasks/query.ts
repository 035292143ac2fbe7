import {
  PRIORITIES,
  type Priority,
  SORT_ORDERS,
  type SortOrder,
  TASK_SORTS,
  TASK_STATUSES,
  type TaskSort,
  type TaskStatus,
} from "./types.ts";

/**
 * What the person is looking at: the filters, search and sort of the task list. It lives in the
 * URL (`/tasks?status=pending&q=milk&sort=due_date`) so that reload, sharing and back/forward
 * work; only values that differ from the defaults are written.
 */
export interface TaskQuery {
  status: TaskStatus;
  q: string;
  priority: Priority | null;
  tag: string | null;
  sort: TaskSort;
  order: SortOrder;
}

/** The direction a person most likely means for each sort (soonest due, highest priority first). */
export const NATURAL_ORDER: Record<TaskSort, SortOrder> = {
  created: "desc",
  updated: "desc",
  title: "asc",
  due_date: "asc",
  priority: "desc",
};

export const DEFAULT_QUERY: TaskQuery = {
  status: "all",
  q: "",
  priority: null,
  tag: null,
  sort: "created",
  order: "desc",
};

type ParamsLike = Pick<URLSearchParams, "get">;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Tolerant: a hand-edited or stale URL falls back to defaults instead of failing. */
export function parseTaskQuery(params: ParamsLike): TaskQuery {
  const sort = oneOf(params.get("sort"), TASK_SORTS) ?? DEFAULT_QUERY.sort;
  const tag = params.get("tag")?.trim() ?? "";
  return {
    status: oneOf(params.get("status"), TASK_STATUSES) ?? DEFAULT_QUERY.status,
    q: params.get("q")?.trim() ?? "",
    priority: oneOf(params.get("priority"), PRIORITIES),
    tag: tag === "" ? null : tag,
    sort,
    order: oneOf(params.get("order"), SORT_ORDERS) ?? NATURAL_ORDER[sort],
  };
}

/** The URL search string for a query (without `?`), defaults left out. */
export function serializeTaskQuery(query: TaskQuery): string {
  const params = new URLSearchParams();
  if (query.status !== "all") params.set("status", query.status);
  if (query.q.trim() !== "") params.set("q", query.q.trim());
  if (query.priority) params.set("priority", query.priority);
  if (query.tag) params.set("tag", query.tag);
  if (query.sort !== DEFAULT_QUERY.sort || query.order !== DEFAULT_QUERY.order) {
    params.set("sort", query.sort);
    if (query.order !== NATURAL_ORDER[query.sort]) params.set("order", query.order);
  }
  return params.toString();
}

/** Parameters of `GET /api/{user_id}/tasks` for one page of this query. */
export function toListParams(
  query: TaskQuery,
  page: { limit: number; offset: number },
): URLSearchParams {
  const params = new URLSearchParams({
    status: query.status,
    sort: query.sort,
    order: query.order,
    limit: String(page.limit),
    offset: String(page.offset),
  });
  if (query.q.trim() !== "") params.set("q", query.q.trim());
  if (query.priority) params.set("priority", query.priority);
  if (query.tag) params.set("tag", query.tag);
  return params;
}

/** True when anything narrows the list beyond the status tab (for empty-state wording). */
export function isNarrowed(query: TaskQuery): boolean {
  return query.q.trim() !== "" || query.priority !== null || query.tag !== null;
}
