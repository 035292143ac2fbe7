import { TASK_LIMITS } from "@ownlist/contract";
import { beforeEach, describe, expect, it } from "vitest";
import { build, type TestUser } from "../../../helper.ts";
import { badCredentials } from "../../../tokens.ts";
import { MISSING_TASK_ID, rowsOf, type TwoUsers, twoUsers } from "./two-users.ts";

// docs/contract.md#bulk-writes
const t = build();
let u: TwoUsers;
let alicesPending: string[];
let alicesCompleted: string[];

async function create(title: string, completed: boolean): Promise<string> {
  const response = await u.asAlice({
    method: "POST",
    url: `/api/${u.alice.id}/tasks`,
    payload: { title, completed },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

/** Alice's tasks as `id → completed`, read straight from the database. */
async function stateOf(user: TestUser): Promise<Record<string, boolean>> {
  const rows = await t.db.sql<{ id: string; completed: boolean }[]>`
    select id, completed from tasks where user_id = ${user.id}`;
  return Object.fromEntries(rows.map((row) => [row.id, row.completed]));
}

const sorted = (ids: string[]) => [...ids].sort();
const clearUrl = () => `/api/${u.alice.id}/tasks?status=completed`;
const bulkUrl = () => `/api/${u.alice.id}/tasks/complete`;

let counter = 0;
const freshKey = () => `bulk-${process.pid}-${++counter}`;

beforeEach(async () => {
  u ??= await twoUsers(t);
  await t.db.sql`delete from tasks where user_id = ${u.alice.id}`;
  alicesPending = [await create("p1", false), await create("p2", false)];
  alicesCompleted = [await create("c1", true), await create("c2", true), await create("c3", true)];
});

describe("DELETE /api/{user_id}/tasks?status=completed", () => {
  it("deletes every completed task of the user in one request and says how many and which", async () => {
    const bobBefore = await rowsOf(t, u.bob);
    const response = await u.asAlice({ method: "DELETE", url: clearUrl() });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.count).toBe(3);
    expect(sorted(body.ids)).toEqual(sorted(alicesCompleted));
    expect(Object.keys(await stateOf(u.alice)).sort()).toEqual(sorted(alicesPending));
    // Bob's completed task is untouched.
    expect(await rowsOf(t, u.bob)).toEqual(bobBefore);
  });

  it("answers 0 when nothing is completed", async () => {
    await u.asAlice({ method: "DELETE", url: clearUrl() });
    const again = await u.asAlice({ method: "DELETE", url: clearUrl() });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ count: 0, ids: [] });
  });

  it.each([
    ["no status", ""],
    ["status=pending", "?status=pending"],
    ["status=all", "?status=all"],
    ["an unknown parameter", "?status=completed&tag=x"],
  ])("refuses %s with 422, deleting nothing", async (_name, query) => {
    const before = await stateOf(u.alice);
    const response = await u.asAlice({ method: "DELETE", url: `/api/${u.alice.id}/tasks${query}` });
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(await stateOf(u.alice)).toEqual(before);
  });

  it("answers 403 for another user's path, deleting nothing of theirs", async () => {
    const bobBefore = await rowsOf(t, u.bob);
    const response = await u.asAlice({
      method: "DELETE",
      url: `/api/${u.bob.id}/tasks?status=completed`,
    });
    expect(response.statusCode).toBe(403);
    expect(await rowsOf(t, u.bob)).toEqual(bobBefore);
  });

  it("replays a keyed retry without deleting what was completed since", async () => {
    const key = freshKey();
    const first = await u.asAlice({
      method: "DELETE",
      url: clearUrl(),
      headers: { "idempotency-key": key },
    });
    expect(first.statusCode).toBe(200);
    const later = await create("completed after the first request", true);
    const retry = await u.asAlice({
      method: "DELETE",
      url: clearUrl(),
      headers: { "idempotency-key": key },
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toBe(first.body);
    expect((await stateOf(u.alice))[later]).toBe(true);
  });

  it("stores a keyed answer that deleted nothing, and replays it after a task is completed", async () => {
    await u.asAlice({ method: "DELETE", url: clearUrl() });
    const key = freshKey();
    const headers = { "idempotency-key": key };
    const first = await u.asAlice({ method: "DELETE", url: clearUrl(), headers });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ count: 0, ids: [] });
    const later = await create("completed after the empty answer", true);
    const retry = await u.asAlice({ method: "DELETE", url: clearUrl(), headers });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json()).toEqual({ count: 0, ids: [] });
    expect((await stateOf(u.alice))[later]).toBe(true);
  });
});

describe("POST /api/{user_id}/tasks/complete", () => {
  it("completes the listed tasks in one request, skipping someone else's id", async () => {
    const bobBefore = await rowsOf(t, u.bob);
    const ids = [alicesPending[0]!, alicesCompleted[0]!, u.bobsTaskId, MISSING_TASK_ID];
    const response = await u.asAlice({
      method: "POST",
      url: bulkUrl(),
      payload: { completed: true, ids },
    });
    expect(response.statusCode).toBe(200);
    // Only the task that changed: the already completed one and the foreign ids are not counted.
    expect(response.json()).toEqual({ count: 1, ids: [alicesPending[0]] });
    const state = await stateOf(u.alice);
    expect(state[alicesPending[0]!]).toBe(true);
    expect(state[alicesPending[1]!]).toBe(false);
    expect(await rowsOf(t, u.bob)).toEqual(bobBefore);
  });

  it("without ids changes every task of the user, and its ids undo exactly that", async () => {
    const bobBefore = await rowsOf(t, u.bob);
    const done = await u.asAlice({ method: "POST", url: bulkUrl(), payload: { completed: true } });
    expect(done.statusCode).toBe(200);
    expect(sorted(done.json().ids)).toEqual(sorted(alicesPending));
    expect(Object.values(await stateOf(u.alice)).every(Boolean)).toBe(true);
    const [row] = await t.db.sql<{ completed_at: Date | null }[]>`
      select completed_at from tasks where id = ${alicesPending[0]!}`;
    expect(row?.completed_at).not.toBeNull();

    const undo = await u.asAlice({
      method: "POST",
      url: bulkUrl(),
      payload: { completed: false, ids: done.json().ids },
    });
    expect(undo.json().count).toBe(2);
    const state = await stateOf(u.alice);
    for (const id of alicesPending) expect(state[id]).toBe(false);
    for (const id of alicesCompleted) expect(state[id]).toBe(true);
    expect(await rowsOf(t, u.bob)).toEqual(bobBefore);
  });

  it.each([
    ["no completed", { ids: [MISSING_TASK_ID] }, "completed"],
    ["completed as a string", { completed: "yes" }, "completed"],
    ["an empty ids", { completed: true, ids: [] }, "ids"],
    ["a non-UUID id", { completed: true, ids: ["not-a-uuid"] }, "ids[0]"],
    ["a repeated id", { completed: true, ids: [MISSING_TASK_ID, MISSING_TASK_ID] }, "ids"],
    ["an unknown field", { completed: true, status: "pending" }, "status"],
    [
      "one id more than the limit",
      {
        completed: true,
        ids: Array.from(
          { length: TASK_LIMITS.bulkIdsMax + 1 },
          (_, i) => `6b1d2b3e-0000-4000-8000-${String(i).padStart(12, "0")}`,
        ),
      },
      "ids",
    ],
  ])("refuses %s with 422 naming the field, changing nothing", async (_name, payload, field) => {
    const before = await stateOf(u.alice);
    const response = await u.asAlice({ method: "POST", url: bulkUrl(), payload });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await stateOf(u.alice)).toEqual(before);
  });

  it("accepts exactly the limit of ids", async () => {
    const ids = Array.from(
      { length: TASK_LIMITS.bulkIdsMax - 1 },
      (_, i) => `6b1d2b3e-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    const response = await u.asAlice({
      method: "POST",
      url: bulkUrl(),
      payload: { completed: true, ids: [...ids, alicesPending[1]!] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ count: 1, ids: [alicesPending[1]] });
  });

  it("refuses an empty body with 400", async () => {
    const response = await u.asAlice({ method: "POST", url: bulkUrl() });
    expect(response.statusCode).toBe(400);
  });

  it("answers 403 for another user's path, changing nothing of theirs", async () => {
    const bobBefore = await rowsOf(t, u.bob);
    const response = await u.asAlice({
      method: "POST",
      url: `/api/${u.bob.id}/tasks/complete`,
      payload: { completed: false },
    });
    expect(response.statusCode).toBe(403);
    expect(await rowsOf(t, u.bob)).toEqual(bobBefore);
  });

  it("replays a keyed retry and refuses the key for another body", async () => {
    const key = freshKey();
    const payload = { completed: true, ids: alicesPending };
    const send = (body: object) =>
      u.asAlice({
        method: "POST",
        url: bulkUrl(),
        headers: { "idempotency-key": key },
        payload: body,
      });
    const first = await send(payload);
    expect(first.json().count).toBe(2);
    // Reopened behind its back: a replay must not complete them again.
    await t.db.sql`update tasks set completed = false, completed_at = null
      where user_id = ${u.alice.id}`;
    const retry = await send(payload);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toBe(first.body);
    expect(Object.values(await stateOf(u.alice)).some(Boolean)).toBe(false);
    expect((await send({ completed: false, ids: alicesPending })).statusCode).toBe(422);
  });
});

describe("bulk writes without a valid token", () => {
  it.each(["no Authorization header", "signed with another secret", "expired", "wrong aud"])(
    "answer 401 to %s, changing nothing",
    async (name) => {
      const credential = badCredentials(t.tokenSettings, u.alice).find((c) => c.name === name)!;
      const headers = credential.authorization ? { authorization: credential.authorization } : {};
      const before = await stateOf(u.alice);
      for (const request of [
        { method: "DELETE" as const, url: clearUrl() },
        { method: "POST" as const, url: bulkUrl(), payload: { completed: true } },
      ]) {
        const response = await t.app.inject({ ...request, headers });
        expect(response.statusCode, `${name} ${request.method}`).toBe(401);
      }
      expect(await stateOf(u.alice)).toEqual(before);
    },
  );

  it("answers 401 to a tampered token (Bob's claims under Alice's signature)", async () => {
    const [header, , signature] = t.tokenFor(u.alice).split(".");
    const [, bobsPayload] = t.tokenFor(u.bob).split(".");
    const authorization = `Bearer ${header}.${bobsPayload}.${signature}`;
    const bobBefore = await rowsOf(t, u.bob);
    const response = await t.app.inject({
      method: "DELETE",
      url: `/api/${u.bob.id}/tasks?status=completed`,
      headers: { authorization },
    });
    expect(response.statusCode).toBe(401);
    expect(await rowsOf(t, u.bob)).toEqual(bobBefore);
  });
});
