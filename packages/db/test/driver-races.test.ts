import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

/**
 * postgres.js 3.4.9 on a connection the database has dropped (patches/postgres+3.4.9.patch,
 * decision 025). Unpatched, the query below is written from a setImmediate timer to a socket
 * that is already null: an uncaught TypeError (`Immediate.nextWrite`) ends the test run, and the
 * query never settles. Nothing here filters errors: the run fails on any uncaught exception.
 */
let database: TestDatabase;
const clients: postgres.Sql[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(clients.map((sql) => sql.end({ timeout: 1 })));
  await database?.drop();
});

const connectTo = (url: string, options: postgres.Options<Record<string, never>> = {}) => {
  const sql = postgres(url, { max: 1, onnotice: () => undefined, ...options });
  clients.push(sql);
  return sql;
};

describe("postgres.js after the database drops a connection", () => {
  it("rejects a query sent on a reserved connection whose socket has closed, and reconnects", async () => {
    let connectionClosed!: () => void;
    const closed = new Promise<void>((resolve) => (connectionClosed = resolve));
    const sql = connectTo(database.url, { onclose: () => connectionClosed() });
    const reserved = await sql.reserve();
    const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
    await connectTo(database.url)`select pg_terminate_backend(${row!.pid})`;
    await closed;

    await expect(reserved`select 1`).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
    // Not released (a dead connection must not go back to the pool): postgres.js reconnects the
    // slot for the next query by itself.
    expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
  });
});
