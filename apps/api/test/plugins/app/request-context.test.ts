import { beforeAll, describe, expect, it } from "vitest";
import { build, type Inject, type TestUser, WEB_ORIGIN } from "../../helper.ts";

const t = build();
let alice: TestUser;
let as: Inject;
let taskUrl: string;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  as = t.injectAs(alice);
  const created = await as({
    method: "POST",
    url: `/api/${alice.id}/tasks`,
    payload: { title: "x" },
  });
  taskUrl = created.headers.location as string;
});

describe("X-Request-Id", () => {
  it.each([
    ["a UUID", "0193b1e4-7c2a-7000-8000-000000000000"],
    ["letters, digits, dot, underscore, dash", "Ab9._-"],
    ["one character", "x"],
    ["128 characters", "r".repeat(128)],
  ])("echoes the caller's own when it is %s", async (_name, id) => {
    const response = await as({
      method: "GET",
      url: `/api/${alice.id}/tasks`,
      headers: { "x-request-id": id },
    });
    expect(response.headers["x-request-id"]).toBe(id);
  });

  it.each([
    ["129 characters", "r".repeat(129)],
    ["empty", ""],
    ["a space", "a b"],
    ["a slash", "a/b"],
    ["a newline-free but non-ASCII value", "héllo"],
    ["a quote", 'a"b'],
  ])("replaces one that is %s with a new UUID", async (_name, id) => {
    const response = await as({
      method: "GET",
      url: `/api/${alice.id}/tasks`,
      headers: { "x-request-id": id },
    });
    expect(response.headers["x-request-id"]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(response.headers["x-request-id"]).not.toBe(id);
  });

  it("is the request_id of the problem body", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/${alice.id}/tasks`,
      headers: { "x-request-id": "mine-1" },
    });
    expect(response.json().request_id).toBe("mine-1");
  });

  it("differs between two requests that do not send one", async () => {
    const one = await as({ method: "GET", url: `/api/${alice.id}/tasks` });
    const two = await as({ method: "GET", url: `/api/${alice.id}/tasks` });
    expect(one.headers["x-request-id"]).not.toBe(two.headers["x-request-id"]);
  });
});

describe("every /api response, errors included, carries Cache-Control: no-store and X-Request-Id", () => {
  const cases: [string, () => Promise<{ statusCode: number; headers: Record<string, unknown> }>][] =
    [
      ["200 list", () => as({ method: "GET", url: `/api/${alice.id}/tasks` })],
      [
        "201 create",
        () => as({ method: "POST", url: `/api/${alice.id}/tasks`, payload: { title: "y" } }),
      ],
      ["200 read", () => as({ method: "GET", url: taskUrl })],
      [
        "204 delete of a missing task is 404",
        () =>
          as({
            method: "DELETE",
            url: `/api/${alice.id}/tasks/00000000-0000-4000-8000-000000000000`,
          }),
      ],
      ["401", () => t.app.inject({ method: "GET", url: `/api/${alice.id}/tasks` })],
      ["403", () => as({ method: "GET", url: "/api/someone-else/tasks" })],
      ["404 route", () => as({ method: "GET", url: "/api/nothing" })],
      ["405", () => as({ method: "PUT", url: `/api/${alice.id}/tasks` })],
      [
        "413",
        () =>
          as({
            method: "POST",
            url: `/api/${alice.id}/tasks`,
            payload: { title: "x".repeat(70_000) },
          }),
      ],
      [
        "415",
        () =>
          as({
            method: "POST",
            url: `/api/${alice.id}/tasks`,
            payload: "x",
            headers: { "content-type": "text/plain" },
          }),
      ],
      ["422", () => as({ method: "POST", url: `/api/${alice.id}/tasks`, payload: { title: 1 } })],
      [
        "400",
        () =>
          as({
            method: "POST",
            url: `/api/${alice.id}/tasks`,
            payload: "{",
            headers: { "content-type": "application/json" },
          }),
      ],
      [
        "204 CORS preflight",
        () =>
          t.app.inject({
            method: "OPTIONS",
            url: `/api/${alice.id}/tasks`,
            headers: { origin: WEB_ORIGIN, "access-control-request-method": "POST" },
          }),
      ],
    ];
  it.each(cases)("%s", async (_name, send) => {
    const response = await send();
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["x-request-id"]).toBeTruthy();
  });

  it("a delete answers 204 with both headers", async () => {
    const created = await as({
      method: "POST",
      url: `/api/${alice.id}/tasks`,
      payload: { title: "z" },
    });
    const response = await as({ method: "DELETE", url: created.headers.location });
    expect(response.statusCode).toBe(204);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["x-request-id"]).toBeTruthy();
  });
});
