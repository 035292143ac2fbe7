import { beforeAll, describe, expect, it } from "vitest";
import { build, type TestUser } from "../../../helper.ts";
import { type TwoUsers, twoUsers } from "./two-users.ts";

// docs/contract.md#idempotency-key
const t = build();
let u: TwoUsers;
beforeAll(async () => {
  u = await twoUsers(t);
});

let counter = 0;
const freshKey = () => `key-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;

async function taskCount(user: TestUser): Promise<number> {
  const [row] = await t.db.sql<{ count: number }[]>`
    select count(*)::int as count from tasks where user_id = ${user.id}`;
  return row!.count;
}

async function storedKeys(user: TestUser): Promise<string[]> {
  const rows = await t.db.sql<{ key: string }[]>`
    select key from idempotency_keys where user_id = ${user.id} order by key`;
  return rows.map((row) => row.key);
}

function post(as: TwoUsers["asAlice"], user: TestUser, key: string | undefined, payload: object) {
  return as({
    method: "POST",
    url: `/api/${user.id}/tasks`,
    headers: key === undefined ? {} : { "idempotency-key": key },
    payload,
  });
}

describe("Idempotency-Key on POST", () => {
  it("replays the first answer (same id, status, body, Location) and creates nothing more", async () => {
    const key = freshKey();
    const before = await taskCount(u.alice);
    const first = await post(u.asAlice, u.alice, key, { title: "Buy milk", tags: ["a"] });
    expect(first.statusCode).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    // The same request, spelled differently: other key order, untrimmed title.
    const retry = await post(u.asAlice, u.alice, key, { tags: ["a"], title: "  Buy milk " });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.body).toBe(first.body);
    expect(await taskCount(u.alice)).toBe(before + 1);
  });

  it("answers 422 naming the header when the key was used for another request", async () => {
    const key = freshKey();
    expect((await post(u.asAlice, u.alice, key, { title: "One" })).statusCode).toBe(201);
    const before = await taskCount(u.alice);
    const other = await post(u.asAlice, u.alice, key, { title: "Two" });
    expect(other.statusCode).toBe(422);
    expect(other.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(other.json().errors).toEqual([
      { field: "idempotency-key", message: expect.stringMatching(/different request/) },
    ]);
    // Another method and path with the key: also another request.
    const created = await post(u.asAlice, u.alice, freshKey(), { title: "Three" });
    const patch = await u.asAlice({
      method: "PATCH",
      url: created.headers.location,
      headers: { "idempotency-key": key },
      payload: { title: "One" },
    });
    expect(patch.statusCode).toBe(422);
    expect(await taskCount(u.alice)).toBe(before + 1);
  });

  it("keeps each user's keys apart: the same key from two users makes two tasks", async () => {
    const key = freshKey();
    const alices = await post(u.asAlice, u.alice, key, { title: "Alice's" });
    const bobs = await post(u.asBob, u.bob, key, { title: "Alice's" });
    expect(alices.statusCode).toBe(201);
    expect(bobs.statusCode).toBe(201);
    expect(bobs.headers["idempotent-replayed"]).toBeUndefined();
    expect(bobs.json().id).not.toBe(alices.json().id);
    expect(bobs.json().user_id).toBe(u.bob.id);
    // Bob's retry gets Bob's task, not Alice's.
    const bobsRetry = await post(u.asBob, u.bob, key, { title: "Alice's" });
    expect(bobsRetry.json().id).toBe(bobs.json().id);
  });

  it("answers 409 with Retry-After while the first request with the key is still running", async () => {
    const key = freshKey();
    const before = await taskCount(u.alice);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    // Hold the lock every create of Alice's takes (tasks-repository.ts), from outside the api:
    // the first request waits on it inside its transaction, holding its key.
    const holder = t.db.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtextextended(${u.alice.id}, 0))`;
      held();
      await released;
    });
    await holding;
    const first = post(u.asAlice, u.alice, key, { title: "Slow" });
    await waitForLockWaiter();
    const second = await post(u.asAlice, u.alice, key, { title: "Slow" });
    expect(second.statusCode).toBe(409);
    expect(second.headers["retry-after"]).toBe("1");
    expect(second.json().type).toBe("urn:ownlist:problem:request-in-progress");
    release();
    await holder;
    const firstAnswer = await first;
    expect(firstAnswer.statusCode).toBe(201);
    const third = await post(u.asAlice, u.alice, key, { title: "Slow" });
    expect(third.headers["idempotent-replayed"]).toBe("true");
    expect(third.json().id).toBe(firstAnswer.json().id);
    expect(await taskCount(u.alice)).toBe(before + 1);
  });

  it("forgets a key older than API_IDEMPOTENCY_TTL_HOURS and purges the owner's expired keys", async () => {
    const key = freshKey();
    const stale = freshKey();
    const first = await post(u.asAlice, u.alice, key, { title: "Old" });
    await post(u.asAlice, u.alice, stale, { title: "Older" });
    await post(u.asBob, u.bob, stale, { title: "Bob's old" });
    await t.db.sql`
      update idempotency_keys set created_at = now() - interval '25 hours'
      where key in (${key}, ${stale})`;
    const again = await post(u.asAlice, u.alice, key, { title: "Old" });
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBeUndefined();
    expect(again.json().id).not.toBe(first.json().id);
    // The purge runs beside the request (decision 031), not in it: wait for it to finish.
    await t.app.idempotency.purges();
    const alicesKeys = await storedKeys(u.alice);
    expect(alicesKeys).toContain(key);
    expect(alicesKeys).not.toContain(stale);
    // Another user's expired key is that user's to purge: Alice's writes cannot reach it.
    expect(await storedKeys(u.bob)).toContain(stale);
  });
});

describe("Idempotency-Key on the other writes", () => {
  it("replays PUT, PATCH, /complete and DELETE without applying them twice", async () => {
    const created = await post(u.asAlice, u.alice, undefined, { title: "Task" });
    const url = created.headers.location as string;
    const twice = async (method: "PUT" | "PATCH" | "DELETE", path: string, payload?: object) => {
      const key = freshKey();
      const send = () =>
        u.asAlice({ method, url: path, headers: { "idempotency-key": key }, payload });
      const first = await send();
      const second = await send();
      expect(second.statusCode).toBe(first.statusCode);
      expect(second.body).toBe(first.body);
      expect(second.headers["idempotent-replayed"]).toBe("true");
      return first;
    };
    expect((await twice("PUT", url, { title: "Replaced" })).json().title).toBe("Replaced");
    expect((await twice("PATCH", url, { priority: "high" })).json().priority).toBe("high");
    // A toggle applied twice would reopen the task.
    expect((await twice("PATCH", `${url}/complete`)).json().completed).toBe(true);
    const read = await u.asAlice({ method: "GET", url });
    expect(read.json().completed).toBe(true);
    expect((await twice("DELETE", url)).statusCode).toBe(204);
  });

  it("stores no answer for a write that failed: the key stays free", async () => {
    const key = freshKey();
    const missing = await u.asAlice({
      method: "PATCH",
      url: `/api/${u.alice.id}/tasks/6b1d2b3e-0000-4000-8000-000000000000`,
      headers: { "idempotency-key": key },
      payload: { title: "x" },
    });
    expect(missing.statusCode).toBe(404);
    expect(await storedKeys(u.alice)).not.toContain(key);
  });

  it("stores nothing for a write sent without a key", async () => {
    const before = await storedKeys(u.alice);
    const created = await post(u.asAlice, u.alice, undefined, { title: "Plain" });
    expect(created.statusCode).toBe(201);
    expect(created.headers["idempotent-replayed"]).toBeUndefined();
    expect(await storedKeys(u.alice)).toEqual(before);
  });
});

describe("Idempotency-Key comes after authentication, the path check and validation", () => {
  it.each([
    ["empty", ""],
    ["over 255 characters", "k".repeat(256)],
    ["with a space", "a b"],
    ["non-ASCII", "clé"],
  ])("answers 422 naming the header for a key %s", async (_name, key) => {
    const response = await post(u.asAlice, u.alice, key, { title: "x" });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { field: "idempotency-key", message: expect.any(String) },
    ]);
  });

  it("accepts a key of 255 visible ASCII characters", async () => {
    const key = `${"~".repeat(250)}${String(counter++).padStart(5, "0")}`;
    expect((await post(u.asAlice, u.alice, key, { title: "x" })).statusCode).toBe(201);
  });

  it("answers 401, 403 and 422 before looking the key up, and stores nothing", async () => {
    const key = freshKey();
    const anonymous = await t.app.inject({
      method: "POST",
      url: `/api/${u.alice.id}/tasks`,
      headers: { "idempotency-key": key },
      payload: { title: "x" },
    });
    expect(anonymous.statusCode).toBe(401);
    // Bob's path with Alice's token, and a key Bob has used: 403, nothing of Bob's replayed.
    await post(u.asBob, u.bob, key, { title: "Bob's" });
    const foreign = await post(u.asAlice, u.bob, key, { title: "Bob's" });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers["idempotent-replayed"]).toBeUndefined();
    const invalid = await post(u.asAlice, u.alice, key, { title: "" });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors[0].field).toBe("title");
    expect(await storedKeys(u.alice)).not.toContain(key);
    // The key is still Alice's to use.
    expect((await post(u.asAlice, u.alice, key, { title: "Bob's" })).statusCode).toBe(201);
  });
});

/** Until some backend waits for a lock: the api's first request has reached the held lock. */
async function waitForLockWaiter(): Promise<void> {
  for (;;) {
    const [row] = await t.db.sql<{ waiting: number }[]>`
      select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`;
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
