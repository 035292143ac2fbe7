import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../api-client/retry.ts";
import { nextLink } from "./link-header.ts";
import { problemFromResponse } from "./problem.ts";
import { type TaskQuery, toListParams } from "./query.ts";
import {
  TASK_LIMITS,
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

export interface TasksClient {
  list(
    query: TaskQuery,
    page: { limit: number; offset: number },
    signal?: AbortSignal,
    retryPolicy?: RetryPolicy,
  ): Promise<TaskPage>;
  /** All ids matching a status, following pages (for "clear completed"). */
  listIds(status: TaskStatus): Promise<string[]>;
  counts(signal?: AbortSignal): Promise<TaskCounts>;
  create(body: TaskCreate): Promise<Task>;
  patch(id: string, body: TaskPatch): Promise<Task>;
  replace(id: string, body: TaskReplace): Promise<Task>;
  complete(id: string, completed: boolean): Promise<Task>;
  remove(id: string, options?: { keepalive?: boolean }): Promise<void>;
}

const JSON_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };

/**
 * The typed client of docs/contract.md#api-routes, bound to one person. Every non-2xx answer
 * becomes an `ApiProblemError`; network failures stay `TypeError`s from fetch.
 */
export function createTasksClient(apiFetch: ApiFetch, userId: string): TasksClient {
  const base = `/api/${encodeURIComponent(userId)}/tasks`;

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
    async listIds(status) {
      const ids: string[] = [];
      // The api's largest page: the fewest round trips.
      const limit = TASK_LIMITS.listLimitMax;
      for (let offset = 0; ; offset += limit) {
        const query = {
          status,
          q: "",
          priority: null,
          tag: null,
          sort: "created",
          order: "asc",
        } as const;
        const page = await this.list(query, { limit, offset });
        ids.push(...page.tasks.map((task) => task.id));
        if (!page.hasMore || page.tasks.length === 0) return ids;
      }
    },
    async counts(signal) {
      const [pending, completed] = await Promise.all([
        count("pending", signal),
        count("completed", signal),
      ]);
      return { pending, completed };
    },
    create: (body) => sendJson(base, "POST", body),
    patch: (id, body) => sendJson(taskPath(id), "PATCH", body),
    replace: (id, body) => sendJson(taskPath(id), "PUT", body),
    complete: (id, completed) => sendJson(`${taskPath(id)}/complete`, "PATCH", { completed }),
    async remove(id, options) {
      await send(taskPath(id), { method: "DELETE", keepalive: options?.keepalive ?? false });
    },
  };
}
