import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../src/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

describe("migrateDatabase", () => {
  let database: TestDatabase;
  let sql: postgres.Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = postgres(database.url, { max: 2, onnotice: () => undefined });
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  it("is idempotent and safe to run from two processes at once", async () => {
    await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url)]);
    const tables = await sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`;
    expect(tables.map((row) => row.table_name)).toEqual([
      "account",
      "idempotency_keys",
      "rate_limit",
      "session",
      "task_imports",
      "tasks",
      "user",
      "verification",
    ]);
  });

  it("leads every tasks index with user_id", async () => {
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where tablename = 'tasks' and indexname <> 'tasks_pkey'`;
    expect(indexes.length).toBeGreaterThanOrEqual(5);
    for (const index of indexes) expect(index.indexdef).toMatch(/\(user_id,/);
  });

  it("leads every idempotency_keys index with user_id and deletes keys with their user", async () => {
    const indexes = await sql<{ indexdef: string }[]>`
      select indexdef from pg_indexes where tablename = 'idempotency_keys'`;
    expect(indexes.length).toBe(2);
    for (const index of indexes) expect(index.indexdef).toMatch(/\(user_id,/);
    await sql`insert into "user" (id, name, email) values ('u2', 'B', 'b@example.com')`;
    await sql`insert into idempotency_keys (user_id, key, fingerprint, status) values ('u2', 'k', 'f', 201)`;
    await sql`delete from "user" where id = 'u2'`;
    const [row] = await sql`select count(*)::int as n from idempotency_keys where user_id = 'u2'`;
    expect(row?.n).toBe(0);
  });

  it("deletes a user's tasks with the user", async () => {
    await sql`insert into "user" (id, name, email) values ('u1', 'A', 'a@example.com')`;
    await sql`insert into tasks (user_id, title) values ('u1', 'Buy milk')`;
    await sql`delete from "user" where id = 'u1'`;
    const [row] = await sql`select count(*)::int as n from tasks`;
    expect(row?.n).toBe(0);
  });

  it("refuses rows that break the contract's limits", async () => {
    await sql`insert into "user" (id, name, email) values ('u2', 'B', 'b@example.com')`;
    await expect(sql`insert into tasks (user_id, title) values ('u2', '')`).rejects.toThrow(
      /tasks_title_length/,
    );
    await expect(
      sql`insert into tasks (user_id, title, completed) values ('u2', 'x', true)`,
    ).rejects.toThrow(/tasks_completed_at_consistent/);
  });
});
