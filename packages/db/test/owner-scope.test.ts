import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryAsOwner } from "../src/owner-scope.ts";
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
