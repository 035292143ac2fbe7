import { randomUUID } from "node:crypto";
import type { Request } from "autocannon";

/**
 * What the parent sends the load worker: where to aim, for how long, as whom, and which traffic.
 * Plain data, so it crosses the IPC channel; the worker turns it into autocannon requests.
 */
export interface BenchUser {
  id: string;
  token: string;
}

export interface LoadPlan {
  url: string;
  traffic: "read" | "write-mix" | "write-mix-keyed";
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
  users: BenchUser[];
}

/** Title prefix of every task the write mix creates, so the harness can remove leftovers. */
export const WRITE_TITLE_PREFIX = "bench-write";

/**
 * Connection i acts as one user for its whole life. With fewer connections than users they are
 * spread evenly over the users; with more, users are reused round-robin.
 */
export function userForConnection(plan: LoadPlan, connection: number): BenchUser {
  const { users, connections } = plan;
  const index =
    connections <= users.length
      ? Math.floor((connection * users.length) / connections)
      : connection % users.length;
  return users[index]!;
}

export function requestsFor(plan: LoadPlan, user: BenchUser): Request[] {
  const base = `/api/${user.id}/tasks`;
  const authorization = `Bearer ${user.token}`;
  if (plan.traffic === "read") {
    return [{ method: "GET", path: base, headers: { authorization } }];
  }
  const json = { authorization, "content-type": "application/json" };
  // The keyed mix: each write carries a key of its own, as a client sends one per logical write.
  const withKey =
    plan.traffic === "write-mix-keyed"
      ? (request: Request | null) =>
          request && {
            ...request,
            headers: { ...request.headers, "idempotency-key": randomUUID() },
          }
      : (request: Request | null) => request;
  // One cycle per connection: create a task, complete it, delete it. The created id travels in
  // autocannon's per-connection context; a failed create restarts the cycle.
  return [
    {
      method: "POST",
      path: base,
      headers: json,
      body: JSON.stringify({
        title: `${WRITE_TITLE_PREFIX} task`,
        priority: "high",
        tags: ["bench"],
      }),
      setupRequest: (request) => withKey(request),
      onResponse: (status, body, context) => {
        context.taskId = status === 201 ? (JSON.parse(body) as { id: string }).id : undefined;
      },
    },
    {
      method: "PATCH",
      headers: json,
      body: '{"completed":true}',
      setupRequest: (request, context) =>
        withKey(
          typeof context.taskId === "string"
            ? { ...request, path: `${base}/${context.taskId}/complete` }
            : null,
        ),
    },
    {
      method: "DELETE",
      headers: { authorization },
      setupRequest: (request, context) =>
        withKey(
          typeof context.taskId === "string"
            ? { ...request, path: `${base}/${context.taskId}` }
            : null,
        ),
    },
  ];
}
