import { PROBLEM_TYPES } from "@ownlist/contract";
import { beforeAll, describe, expect, it } from "vitest";
import { build, countTasks, type TestUser } from "../helper.ts";

/** The api's pool size in build(): holding that many connections makes the next request wait. */
const API_POOL_SIZE = 4;

/**
 * docs/contract.md#request-deadline, through the app: a create still waiting for a pooled
 * connection when its deadline passes is answered 503 and never sent, even once the connection
 * comes; the pool keeps working. The deadline is short so the test is quick; no duration is
 * asserted.
 */
const t = build({ API_REQUEST_DEADLINE_MS: "200" });
let alice: TestUser;

beforeAll(async () => {
  alice = await t.createUser("Alice");
});

describe("the request deadline", () => {
  it("answers 503 to a create that waited for a connection past it, and never sends it", async () => {
    const held = await Promise.all(
      Array.from({ length: API_POOL_SIZE }, () => t.apiDb.sql.reserve()),
    );
    const response = await t.injectAs(alice)({
      method: "POST",
      url: `/api/${alice.id}/tasks`,
      payload: { title: "waited too long" },
    });
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(response.headers["retry-after"]).toBe("5");
    expect(response.json()).toMatchObject({
      type: PROBLEM_TYPES.unavailable,
      status: 503,
      detail: "The request did not finish within its deadline. Retry shortly.",
    });
    const logged = t.logs.filter((line) => line.request_id === response.headers["x-request-id"]);
    expect(logged.some((line) => line.reason === "deadline_exceeded")).toBe(true);

    for (const tx of held) tx.release();
    // The pool serves again, and the create that waited was handed its connection and sent nothing.
    const listing = await t.injectAs(alice)({ method: "GET", url: `/api/${alice.id}/tasks` });
    expect(listing.statusCode).toBe(200);
    const created = await t.injectAs(alice)({
      method: "POST",
      url: `/api/${alice.id}/tasks`,
      payload: { title: "in time" },
    });
    expect(created.statusCode).toBe(201);
    expect(await countTasks(t, alice.id)).toBe(1);
  });

  it("answers 503 to a keyed create that waited past it, and stores neither task nor key", async () => {
    const before = await countTasks(t, alice.id);
    const key = `waited-${process.pid}`;
    const held = await Promise.all(
      Array.from({ length: API_POOL_SIZE }, () => t.apiDb.sql.reserve()),
    );
    const request = t.injectAs(alice)({
      method: "POST",
      url: `/api/${alice.id}/tasks`,
      headers: { "idempotency-key": key },
      payload: { title: "keyed, waited too long" },
    });
    // The harness's own bound, not an assertion: were the deadline not passed to the keyed
    // transaction, the connections' return would let the create through, and the status and
    // the count below would show it.
    const release = () => held.splice(0).forEach((tx) => tx.release());
    const safety = setTimeout(release, 10_000);
    const response = await request;
    clearTimeout(safety);
    release();
    expect(response.statusCode, response.body).toBe(503);
    expect(response.json()).toMatchObject({ type: PROBLEM_TYPES.unavailable, status: 503 });
    // The pool serves again; the keyed create that waited sent nothing.
    const listing = await t.injectAs(alice)({ method: "GET", url: `/api/${alice.id}/tasks` });
    expect(listing.statusCode).toBe(200);
    expect(await countTasks(t, alice.id)).toBe(before);
    const stored = await t.db.sql`select 1 from idempotency_keys where key = ${key}`;
    expect(stored.length).toBe(0);
    // The key is free: its retry runs the create once.
    const retried = await t.injectAs(alice)({
      method: "POST",
      url: `/api/${alice.id}/tasks`,
      headers: { "idempotency-key": key },
      payload: { title: "keyed, waited too long" },
    });
    expect(retried.statusCode).toBe(201);
    expect(await countTasks(t, alice.id)).toBe(before + 1);
  });
});
