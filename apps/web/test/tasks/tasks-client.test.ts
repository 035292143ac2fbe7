import { describe, expect, it } from "vitest";
import { ApiProblemError } from "../../lib/tasks/problem.ts";
import { DEFAULT_QUERY } from "../../lib/tasks/query.ts";
import { type ApiFetch, createTasksClient } from "../../lib/tasks/tasks-client.ts";
import { aTask } from "./fixtures.ts";

interface Call {
  path: string;
  init: RequestInit | undefined;
}

function fakeApi(respond: (call: Call) => Response): { apiFetch: ApiFetch; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    apiFetch: async (path, init) => {
      calls.push({ path, init });
      return respond({ path, init });
    },
  };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { "Content-Type": "application/json", ...init.headers },
  });

describe("tasks client", () => {
  it("lists with the query, reading X-Total-Count and Link", async () => {
    const tasks = [aTask(), aTask()];
    const { apiFetch, calls } = fakeApi(() =>
      json(tasks, {
        headers: { "X-Total-Count": "7", Link: '</api/u%201/tasks?offset=2&limit=2>; rel="next"' },
      }),
    );
    const page = await createTasksClient(apiFetch, "u 1").list(
      { ...DEFAULT_QUERY, status: "pending", q: "milk" },
      { limit: 2, offset: 0 },
    );
    expect(page).toEqual({ tasks, total: 7, hasMore: true });
    const url = new URL(calls[0]?.path ?? "", "http://x");
    expect(url.pathname).toBe("/api/u%201/tasks");
    expect(url.searchParams.get("status")).toBe("pending");
    expect(url.searchParams.get("q")).toBe("milk");
  });

  it("sends JSON bodies with the right method and path", async () => {
    const task = aTask();
    const { apiFetch, calls } = fakeApi(() => json(task, { status: 200 }));
    const client = createTasksClient(apiFetch, "u1");
    await client.create({ title: "A" });
    await client.patch(task.id, { priority: "high" });
    await client.replace(task.id, { title: "B" });
    await client.complete(task.id, true);
    expect(
      calls.map(
        (call) => `${call.init?.method} ${call.path} ${call.init?.body as string | undefined}`,
      ),
    ).toEqual([
      'POST /api/u1/tasks {"title":"A"}',
      `PATCH /api/u1/tasks/${task.id} {"priority":"high"}`,
      `PUT /api/u1/tasks/${task.id} {"title":"B"}`,
      `PATCH /api/u1/tasks/${task.id}/complete {"completed":true}`,
    ]);
    expect(new Headers(calls[0]?.init?.headers).get("Content-Type")).toBe("application/json");
  });

  it("turns a refusal into an ApiProblemError with field errors", async () => {
    const { apiFetch } = fakeApi(() =>
      json(
        {
          title: "Unprocessable Content",
          status: 422,
          errors: [{ field: "/title", message: "too long" }],
        },
        { status: 422 },
      ),
    );
    const error = await createTasksClient(apiFetch, "u1")
      .create({ title: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).fieldErrors).toEqual({ title: "too long" });
  });

  it("counts pending and completed from X-Total-Count, reading the bodies to the end", async () => {
    const responses: Response[] = [];
    const { apiFetch } = fakeApi(({ path }) => {
      const response = json([aTask()], {
        headers: { "X-Total-Count": path.includes("status=pending") ? "4" : "9" },
      });
      responses.push(response);
      return response;
    });
    await expect(createTasksClient(apiFetch, "u1").counts()).resolves.toEqual({
      pending: 4,
      completed: 9,
    });
    // An unread body keeps the browser's request open (and the page never network-idle).
    expect(responses.map((response) => response.bodyUsed)).toEqual([true, true]);
  });

  it("reads every tag of the person from the tags route", async () => {
    const tags = [{ tag: "home", count: 2 }];
    const { apiFetch, calls } = fakeApi(() => json(tags));
    await expect(createTasksClient(apiFetch, "u 1").tags()).resolves.toEqual(tags);
    expect(calls.map((call) => call.path)).toEqual(["/api/u%201/tags"]);
  });

  it("clears every completed task in one request, keepalive when the page is closing", async () => {
    const { apiFetch, calls } = fakeApi(() => json({ count: 2, ids: ["a", "b"] }));
    await expect(
      createTasksClient(apiFetch, "u1").removeCompleted({ keepalive: true }),
    ).resolves.toEqual({ count: 2, ids: ["a", "b"] });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      path: "/api/u1/tasks?status=completed",
      init: { method: "DELETE", keepalive: true },
    });
  });

  it("completes all in one request, and given ids sends at most 1,000 per request", async () => {
    const { apiFetch, calls } = fakeApi(({ init }) => {
      const body = JSON.parse(init?.body as string) as { ids?: string[] };
      const ids = body.ids ?? ["x"];
      return json({ count: ids.length, ids });
    });
    const client = createTasksClient(apiFetch, "u1");
    await expect(client.completeMany(true)).resolves.toEqual({ count: 1, ids: ["x"] });
    expect(calls[0]).toMatchObject({ path: "/api/u1/tasks/complete", init: { method: "POST" } });
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual({ completed: true });

    const ids = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    const undone = await client.completeMany(false, ids);
    expect(undone.count).toBe(1001);
    expect(undone.ids).toEqual(ids);
    const sizes = calls.slice(1).map((call) => JSON.parse(call.init?.body as string).ids.length);
    expect(sizes).toEqual([1000, 1]);
  });

  it("deletes, optionally with keepalive for a page being closed", async () => {
    const { apiFetch, calls } = fakeApi(() => new Response(null, { status: 204 }));
    await createTasksClient(apiFetch, "u1").remove("t1", { keepalive: true });
    expect(calls[0]).toMatchObject({
      path: "/api/u1/tasks/t1",
      init: { method: "DELETE", keepalive: true },
    });
  });
});
