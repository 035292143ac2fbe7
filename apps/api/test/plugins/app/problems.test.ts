import { beforeAll, describe, expect, it } from "vitest";
import { build, type Inject, type TestUser } from "../../helper.ts";

const t = build({}, (app) => {
  // A route that fails the way a bug would, to see what a 500 shows.
  app.get("/api/boom", async () => {
    throw new Error("select * from secret_table where password = 'hunter2'");
  });
});
let alice: TestUser;
let as: Inject;
let tasks: string;
let task: string;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  as = t.injectAs(alice);
  tasks = `/api/${alice.id}/tasks`;
  const created = await as({ method: "POST", url: tasks, payload: { title: "x" } });
  task = created.headers.location as string;
});

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, request_id: response.headers["x-request-id"] });
  expect(typeof body.type).toBe("string");
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  return body;
}

describe("routing", () => {
  it("answers an unknown /api route 404", async () => {
    const body = expectProblem(await as({ method: "GET", url: `/api/${alice.id}/projects` }), 404);
    expect(body.type).toBe("urn:ownlist:problem:not-found");
  });

  it("answers an unknown route outside /api 404 problem too, without asking for a token", async () => {
    expectProblem(await t.app.inject({ method: "GET", url: "/nothing-here" }), 404);
  });

  it.each([
    ["the collection", "tasks", ["PUT", "PATCH"], "GET, HEAD, POST, DELETE"],
    ["a task", "task", ["POST"], "GET, HEAD, PUT, PATCH, DELETE"],
    ["/complete", "complete", ["GET", "POST", "PUT", "DELETE"], "PATCH"],
  ])("answers a wrong method on %s 405 with Allow", async (_name, which, methods, allow) => {
    const url = which === "tasks" ? tasks : which === "task" ? task : `${task}/complete`;
    for (const method of methods as ("PUT" | "PATCH" | "DELETE" | "GET" | "POST")[]) {
      const response = await as({
        method,
        url,
        payload: method === "GET" || method === "DELETE" ? undefined : {},
      });
      const body = expectProblem(response, 405);
      expect(response.headers.allow).toBe(allow);
      expect(body.type).toBe("urn:ownlist:problem:method-not-allowed");
    }
  });

  it("answers a wrong method outside /api 405 with Allow", async () => {
    const response = await t.app.inject({ method: "POST", url: "/health" });
    expectProblem(response, 405);
    expect(response.headers.allow).toBe("GET, HEAD");
  });
});

describe("URLs Fastify cannot route", () => {
  it.each([
    ["an undecodable escape", `/tasks/%zz`, "The request URL is not valid."],
    [
      "an overlong path segment",
      `/tasks/${"x".repeat(150)}`,
      "A path segment of the request URL is too long.",
    ],
  ])("answers %s 400 problem once authenticated", async (_name, suffix, detail) => {
    const response = await as({
      method: "GET",
      url: `/api/${alice.id}${suffix}`,
      headers: { "x-request-id": "bad-url" },
    });
    const body = expectProblem(response, 400);
    expect(body.detail).toBe(detail);
    expect(response.headers["x-request-id"]).toBe("bad-url");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(
      t.logs.some((line) => line.request_id === "bad-url" && line.event === "request_rejected"),
    ).toBe(true);
  });
});

describe("bodies", () => {
  it("answers malformed JSON 400", async () => {
    for (const payload of ["{", '{"title": "x",}', "nul", '{"title": "x"} trailing']) {
      const body = expectProblem(
        await as({
          method: "POST",
          url: tasks,
          payload,
          headers: { "content-type": "application/json" },
        }),
        400,
      );
      expect(body.detail).toBe("The request body is not valid JSON.");
    }
  });

  it("refuses prototype-poisoning keys as malformed (400)", async () => {
    const payload = '{"title": "x", "__proto__": {"admin": true}}';
    expectProblem(
      await as({
        method: "POST",
        url: tasks,
        payload,
        headers: { "content-type": "application/json" },
      }),
      400,
    );
  });

  it.each(["POST", "PUT", "PATCH"] as const)(
    "answers %s with an empty body 400, whether or not it says application/json",
    async (method) => {
      const url = method === "POST" ? tasks : task;
      for (const headers of [{ "content-type": "application/json" }, {}]) {
        const body = expectProblem(await as({ method, url, headers }), 400);
        expect(body.detail).toBe("The request body is empty: send a JSON object.");
      }
    },
  );

  it("answers a body over 65,536 bytes 413 and accepts one of exactly 65,536", async () => {
    const base = JSON.stringify({ title: "x", description: "" });
    const exact = JSON.stringify({ title: "x", description: "d".repeat(65_536 - base.length) });
    expect(Buffer.byteLength(exact)).toBe(65_536);
    const atLimit = await as({
      method: "POST",
      url: tasks,
      payload: exact,
      headers: { "content-type": "application/json" },
    });
    expect(atLimit.statusCode).toBe(422); // parsed: the description is merely too long
    const over = `${exact.slice(0, -2)}d"}`;
    expect(Buffer.byteLength(over)).toBe(65_537);
    const body = expectProblem(
      await as({
        method: "POST",
        url: tasks,
        payload: over,
        headers: { "content-type": "application/json" },
      }),
      413,
    );
    expect(body.type).toBe("urn:ownlist:problem:payload-too-large");
  });

  it.each([
    ["text/plain", "text/plain"],
    ["form", "application/x-www-form-urlencoded"],
    ["problem+json", "application/problem+json"],
  ])("answers a %s body 415", async (_name, type) => {
    const body = expectProblem(
      await as({
        method: "POST",
        url: tasks,
        payload: '{"title":"x"}',
        headers: { "content-type": type },
      }),
      415,
    );
    expect(body.type).toBe("urn:ownlist:problem:unsupported-media-type");
  });

  it("answers a body with no Content-Type 415", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: tasks,
      payload: Buffer.from('{"title":"x"}'),
      headers: { authorization: `Bearer ${t.tokenFor(alice)}`, "content-type": "" },
    });
    expectProblem(response, 415);
  });

  it("accepts application/json with a charset", async () => {
    const response = await as({
      method: "POST",
      url: tasks,
      payload: '{"title":"x"}',
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(response.statusCode).toBe(201);
  });

  it("needs no Content-Type for a body-less DELETE, GET or /complete", async () => {
    const created = await as({ method: "POST", url: tasks, payload: { title: "x" } });
    const url = created.headers.location as string;
    expect((await as({ method: "GET", url })).statusCode).toBe(200);
    expect((await as({ method: "PATCH", url: `${url}/complete` })).statusCode).toBe(200);
    expect((await as({ method: "DELETE", url })).statusCode).toBe(204);
  });
});

describe("server errors", () => {
  it("answers 500 with a plain problem: no stack, no SQL, no message, logged with the request id", async () => {
    const response = await as({
      method: "GET",
      url: "/api/boom",
      headers: { "x-request-id": "boom-1" },
    });
    const body = expectProblem(response, 500);
    expect(response.body).not.toContain("secret_table");
    expect(response.body).not.toContain("hunter2");
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    expect(body.detail).toBe(
      "Something went wrong on our side. Quote the request id when reporting it.",
    );
    const logged = t.logs.find((line) => line.request_id === "boom-1" && line.level === 50);
    expect(logged?.msg).toBe("unexpected error");
  });
});
