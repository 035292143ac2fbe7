import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../api-client/retry.ts";
import { nextLink } from "./link-header.ts";
import { problemFromResponse } from "./problem.ts";
import { type TaskQuery, toListParams } from "./query.ts";
import {
  TASK_LIMITS,
  type TagCount,
  type Task,
  type TaskCreate,
  type TaskPatch,
  type TaskReplace,
  type TaskStatus,
} from "./types.ts";

/** `apiFetch` from the session module: adds the bearer token, refreshes it, retries once on 401. */
export type ApiFetch = (
  path: string,
  init?: RequestInit,
  retryPolicy?: RetryPolicy,
) => Promise<Response>;

/**
 * For the task list's first page (docs/contract.md#tabs-states-and-text-on-the-task-page): a read
 * the page asks for again by itself, so it gives up sooner than a person's change would and the
 * page can say the api is out of reach.
 */
export const LIST_READ_RETRY_POLICY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  giveUpAfterMs: 5_000,
};

/** Small enough for a quick first paint, large enough that most lists need one page. */
export const LIST_PAGE_SIZE = 50;

export interface TaskPage {
  tasks: Task[];
  /** `X-Total-Count`: how many tasks match the query in all. */
  total: number;
  /** True while the api's `Link` header points to a next page. */
  hasMore: boolean;
}

export interface TaskCounts {
  pending: number;
  completed: number;
}

/** A bulk write's answer (docs/contract.md#bulk-writes): the tasks it changed, and only those. */
export interface BulkResult {
  count: number;
  ids: string[];
}

export interface TasksClient {
  list(
    query: TaskQuery,
    page: { limit: number; offset: number },
    signal?: AbortSignal,
    retryPolicy?: RetryPolicy,
  ): Promise<TaskPage>;
  counts(signal?: AbortSignal): Promise<TaskCounts>;
  /** Every tag of the person's tasks, with its count (docs/contract.md#tags). */
  tags(signal?: AbortSignal): Promise<TagCount[]>;
  create(body: TaskCreate): Promise<Task>;
  patch(id: string, body: TaskPatch): Promise<Task>;
  replace(id: string, body: TaskReplace): Promise<Task>;
  complete(id: string, completed: boolean): Promise<Task>;
  remove(id: string, options?: { keepalive?: boolean }): Promise<void>;
  /** Every completed task, in one request (`keepalive` lets it outlive the page). */
  removeCompleted(options?: { keepalive?: boolean }): Promise<BulkResult>;
  /** `completed` on these tasks (every task without `ids`): one request per 1,000 ids. */
  completeMany(completed: boolean, ids?: readonly string[]): Promise<BulkResult>;
}

const JSON_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };

/**
 * The typed client of docs/contract.md#api-routes, bound to one person. Every non-2xx answer
 * becomes an `ApiProblemError`; network failures stay `TypeError`s from fetch.
 */
export function createTasksClient(apiFetch: ApiFetch, userId: string): TasksClient {
  const base = `/api/${encodeURIComponent(userId)}/tasks`;
  const tagsPath = `/api/${encodeURIComponent(userId)}/tags`;

  async function send(path: string, init: RequestInit, retryPolicy?: RetryPolicy) {
    const response = await apiFetch(path, init, retryPolicy);
    if (!response.ok) throw await problemFromResponse(response);
    return response;
  }

  async function sendJson(path: string, method: string, body: unknown): Promise<Task> {
    const response = await send(path, {
      method,
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    });
    return (await response.json()) as Task;
  }

  const taskPath = (id: string) => `${base}/${encodeURIComponent(id)}`;

  async function count(status: TaskStatus, signal?: AbortSignal): Promise<number> {
    const params = new URLSearchParams({ status, limit: "1" });
    const response = await send(`${base}?${params}`, {
      headers: { Accept: "application/json" },
      signal,
    });
    // Drain the one-task body: an unread body keeps the request open in the browser.
    await response.arrayBuffer();
    return Number(response.headers.get("X-Total-Count") ?? 0);
  }

  return {
    async list(query, page, signal, retryPolicy) {
      const params = toListParams(query, page);
      const response = await send(
        `${base}?${params}`,
        { headers: { Accept: "application/json" }, signal },
        retryPolicy,
      );
      const tasks = (await response.json()) as Task[];
      const header = response.headers.get("X-Total-Count");
      const total = header === null ? page.offset + tasks.length : Number(header);
      return { tasks, total, hasMore: nextLink(response.headers.get("Link")) !== null };
    },
    async counts(signal) {
      const [pending, completed] = await Promise.all([
        count("pending", signal),
        count("completed", signal),
      ]);
      return { pending, completed };
    },
    async tags(signal) {
      const response = await send(tagsPath, { headers: { Accept: "application/json" }, signal });
      return (await response.json()) as TagCount[];
    },
    create: (body) => sendJson(base, "POST", body),
    patch: (id, body) => sendJson(taskPath(id), "PATCH", body),
    replace: (id, body) => sendJson(taskPath(id), "PUT", body),
    complete: (id, completed) => sendJson(`${taskPath(id)}/complete`, "PATCH", { completed }),
    async remove(id, options) {
      await send(taskPath(id), { method: "DELETE", keepalive: options?.keepalive ?? false });
    },
    async removeCompleted(options) {
      const response = await send(`${base}?status=completed`, {
        method: "DELETE",
        headers: { Accept: "application/json" },
        keepalive: options?.keepalive ?? false,
      });
      return (await response.json()) as BulkResult;
    },
    async completeMany(completed, ids) {
      const bulk = (body: object) =>
        send(`${base}/complete`, {
          method: "POST",
          headers: JSON_HEADERS,
          body: JSON.stringify(body),
        }).then((response) => response.json() as Promise<BulkResult>);
      if (ids === undefined) return bulk({ completed });
      const result: BulkResult = { count: 0, ids: [] };
      for (let start = 0; start < ids.length; start += TASK_LIMITS.bulkIdsMax) {
        const chunk = ids.slice(start, start + TASK_LIMITS.bulkIdsMax);
        const { count, ids: changed } = await bulk({ completed, ids: chunk });
        result.count += count;
        result.ids.push(...changed);
      }
      return result;
    },
  };
}
