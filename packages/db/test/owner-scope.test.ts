import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryAsOwner, transactionAsOwner } from "../src/owner-scope.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

const POOL_SIZE = 2;
let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = postgres(database.url, { max: POOL_SIZE, onnotice: () => undefined });
});

afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await database?.drop();
});

/** Proves the pool still has a working connection that is in no one's transaction. */
async function expectPoolWorks(owner: string) {
  for (let i = 0; i < POOL_SIZE * 2; i += 1) {
    const rows = await queryAsOwner(
      sql,
      owner,
      (tx) => tx`select current_setting('app.user_id') as owner, current_user as role`,
    );
    expect(rows).toEqual([{ owner, role: "ownlist_api" }]);
  }
  // Outside queryAsOwner, on the pooled connections: no owner or role left behind.
  for (let i = 0; i < POOL_SIZE; i += 1) {
    const [row] = await sql`select current_setting('app.user_id', true) as owner`;
    expect(row?.owner ?? "").toBe("");
  }
}

describe("queryAsOwner hands its reserved connection back after a client-side error", () => {
  it("after a statement that is not a query (an awaited one), more times than the pool holds", async () => {
    const owner = randomUUID();
    // `(tx) => await tx\`…\``: a promise of rows, which has no `execute`.
    const awaited = (async (tx: postgres.ReservedSql) => tx`select 1`) as never;
    for (let i = 0; i < POOL_SIZE * 3; i += 1) {
      await expect(queryAsOwner(sql, owner, awaited)).rejects.toThrow(TypeError);
    }
    await expectPoolWorks(owner);
  });

  it("after a statement builder throws, and after a server-side error", async () => {
    const owner = randomUUID();
    for (let i = 0; i < POOL_SIZE * 3; i += 1) {
      await expect(
        queryAsOwner(sql, owner, () => {
          throw new Error("builder failed");
        }),
      ).rejects.toThrow("builder failed");
      await expect(queryAsOwner(sql, owner, (tx) => tx`select 1 / 0`)).rejects.toThrow(
        "division by zero",
      );
    }
    await expectPoolWorks(owner);
  });
});

/**
 * docs/contract.md#request-deadline: past the signal, nothing of the caller's is sent, and a
 * statement under way is cancelled (its transaction rolls back); the caller gets the reason.
 */
describe("queryAsOwner and transactionAsOwner respect an AbortSignal", () => {
  const reason = new Error("deadline passed");
  const createOwner = async () => {
    const id = randomUUID();
    await sql`insert into "user" (id, name, email) values (${id}, 'Deadline', ${`${id}@example.test`})`;
    return id;
  };
  const storedTitles = async (owner: string) =>
    (await sql<{ title: string }[]>`select title from tasks where user_id = ${owner}`).map(
      (row) => row.title,
    );
  /** Holds every pooled connection, so the next caller waits for one. */
  const holdPool = () => Promise.all(Array.from({ length: POOL_SIZE }, () => sql.reserve()));

  it("never sends a statement still waiting for a connection when the signal aborts", async () => {
    const owner = await createOwner();
    const held = await holdPool();
    const controller = new AbortController();
    const waiting = queryAsOwner(
      sql,
      owner,
      (tx) => tx`insert into tasks (user_id, title) values (${owner}, 'late query')`,
      { signal: controller.signal },
    );
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    let ran = false;
    const waitingTransaction = transactionAsOwner(
      sql,
      owner,
      async (tx) => {
        ran = true;
        await tx`insert into tasks (user_id, title) values (${owner}, 'late transaction')`;
      },
      { signal: AbortSignal.abort(reason) },
    );
    await expect(waitingTransaction).rejects.toBe(reason);
    for (const tx of held) tx.release();
    // The connections come back; what waited for them is handed back untouched.
    await expectPoolWorks(owner);
    expect(ran).toBe(false);
    expect(await storedTitles(owner)).toEqual([]);
  });

  it("cancels a statement under way, which then rolls back", async () => {
    const owner = await createOwner();
    const controller = new AbortController();
    const slow = queryAsOwner(
      sql,
      owner,
      (tx) => tx`insert into tasks (user_id, title) select ${owner}, 'slow' from pg_sleep(3)`,
      { signal: controller.signal },
    );
    // Bounded wait until PostgreSQL runs it, so the cancel meets it under way.
    for (let i = 0; i < 100; i += 1) {
      const [running] = await sql`
        select count(*)::int as n from pg_stat_activity where query like '%pg_sleep(3)%'
          and state = 'active' and pid <> pg_backend_pid()`;
      if (running?.n) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort(reason);
    await expect(slow).rejects.toBe(reason);
    await expectPoolWorks(owner);
    expect(await storedTitles(owner)).toEqual([]);
  });

  it("rolls a transaction back instead of committing it once the signal has aborted", async () => {
    const owner = await createOwner();
    const controller = new AbortController();
    const transaction = transactionAsOwner(
      sql,
      owner,
      async (tx) => {
        await tx`insert into tasks (user_id, title) values (${owner}, 'aborted')`;
        controller.abort(reason);
      },
      { signal: controller.signal },
    );
    await expect(transaction).rejects.toBe(reason);
    await expectPoolWorks(owner);
    expect(await storedTitles(owner)).toEqual([]);
  });
});
