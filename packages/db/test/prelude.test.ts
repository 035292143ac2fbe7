import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

/**
 * `query.withPrelude(prelude)` (patches/postgres+3.4.9.patch, decision 040): the prelude and the
 * query go out on one connection with one Sync, so they run in one implicit transaction. Every
 * client here has one connection, so each test also proves the connection is in step afterwards.
 */
let database: TestDatabase;
const clients: postgres.Sql[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  const sql = connectTo();
  await sql`create table prelude_rows (n int not null)`;
});
afterAll(async () => {
  await Promise.all(clients.map((sql) => sql.end({ timeout: 1 })));
  await database?.drop();
});

const connectTo = (options: postgres.Options<Record<string, never>> = {}) => {
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined, ...options });
  clients.push(sql);
  return sql;
};

type Pending = postgres.PendingQuery<postgres.Row[]>;
const withPrelude = (query: Pending, prelude: Pending): Pending =>
  (query as unknown as { withPrelude(prelude: Pending): Pending }).withPrelude(prelude);

const setting = (sql: postgres.Sql, value: string) =>
  sql`select set_config('app.prelude', ${value}, true)`;
const readSetting = (sql: postgres.Sql) =>
  sql`select current_setting('app.prelude', true) as value, ${"x"}::text as marker`;

/** Two clients: named statements (described on first use, then cached) and unnamed ones. */
const drivers = [
  ["prepared statements", {}],
  ["unnamed statements", { prepare: false }],
] as const;

describe.each(drivers)("withPrelude with %s", (_name, options) => {
  it("runs the prelude and the query in one transaction that ends with the query", async () => {
    const sql = connectTo(options);
    // First use describes both statements; later ones are bound straight away.
    for (const value of ["one", "two", "three"]) {
      expect(await withPrelude(readSetting(sql), setting(sql, value))).toEqual([
        { value, marker: "x" },
      ]);
      const [after] = await sql`select current_setting('app.prelude', true) as value`;
      expect(after?.value ?? "").toBe("");
    }
  });

  it("rolls the prelude back when the query fails, and the connection carries on", async () => {
    const sql = connectTo(options);
    for (let i = 0; i < 2; i += 1) {
      await expect(
        withPrelude(sql`select 1 / ${0}::int`, sql`insert into prelude_rows values (${i})`),
      ).rejects.toMatchObject({ code: "22012" });
    }
    expect(await sql`select count(*)::int as n from prelude_rows`).toEqual([{ n: 0 }]);
    expect(await withPrelude(readSetting(sql), setting(sql, "after"))).toEqual([
      { value: "after", marker: "x" },
    ]);
  });

  it("never runs the query when the prelude fails, and fails it with the prelude's error", async () => {
    const sql = connectTo(options);
    for (let i = 0; i < 2; i += 1) {
      // Fails when executed (the statement is described and bound first)…
      await expect(
        withPrelude(sql`insert into prelude_rows values (${i})`, sql`select 1 / ${0}::int`),
      ).rejects.toMatchObject({ code: "22012" });
      // …and when parsed.
      await expect(
        withPrelude(sql`insert into prelude_rows values (${i})`, sql`select nonsense(${i})`),
      ).rejects.toMatchObject({ code: "42883" });
    }
    expect(await sql`select count(*)::int as n from prelude_rows`).toEqual([{ n: 0 }]);
    expect(await withPrelude(readSetting(sql), setting(sql, "after"))).toEqual([
      { value: "after", marker: "x" },
    ]);
  });

  it("keeps pipelined pairs and plain queries in step when a parameter cannot be serialised", async () => {
    const sql = connectTo(options);
    for (let i = 0; i < 2; i += 1) {
      // All written to the one connection at once; the middle ones cannot be built.
      const unsendable = Symbol("cannot be sent") as never;
      const outcomes = await Promise.allSettled([
        withPrelude(readSetting(sql), setting(sql, "a")),
        withPrelude(readSetting(sql), setting(sql, unsendable)),
        withPrelude(sql`select ${unsendable}::text as value`, setting(sql, "b")),
        sql`select ${unsendable}::text as value`,
        withPrelude(readSetting(sql), setting(sql, "c")),
        sql`select 'd' as value`,
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        "fulfilled",
        "rejected",
        "rejected",
        "rejected",
        "fulfilled",
        "fulfilled",
      ]);
      expect(outcomes[0]).toMatchObject({ value: [{ value: "a" }] });
      expect(outcomes[4]).toMatchObject({ value: [{ value: "c" }] });
      expect(outcomes[5]).toMatchObject({ value: [{ value: "d" }] });
      const [after] = await sql`select current_setting('app.prelude', true) as value`;
      expect(after?.value ?? "").toBe("");
    }
  });
});

describe("withPrelude when the connection is lost", () => {
  it("fails the pair when the prelude ends its own connection, then reconnects", async () => {
    let closes = 0;
    const sql = connectTo({ onclose: () => (closes += 1) });
    for (let i = 0; i < 2; i += 1) {
      await expect(
        withPrelude(
          sql`insert into prelude_rows values (${i})`,
          sql`select pg_terminate_backend(pg_backend_pid())`,
        ),
      ).rejects.toThrow(); // the FATAL 57P01, or a reset socket: whichever comes first
      // A query sent before the socket has closed fails too (postgres.js, with or without a
      // prelude): wait for the close, then the slot reconnects.
      await expect.poll(() => closes).toBe(i + 1);
    }
    expect(await sql`select count(*)::int as n from prelude_rows`).toEqual([{ n: 0 }]);
    expect(await withPrelude(readSetting(sql), setting(sql, "after"))).toEqual([
      { value: "after", marker: "x" },
    ]);
  });

  it("fails the pair and the queries behind it when the connection drops under the query", async () => {
    const sql = connectTo();
    const other = connectTo();
    const [{ pid }] = (await sql`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
    const pair = withPrelude(sql`select pg_sleep(5)`, setting(sql, "lost"));
    const behind = withPrelude(readSetting(sql), setting(sql, "behind"));
    const pairOutcome = pair.then(
      () => "fulfilled",
      (error: unknown) => error,
    );
    const behindOutcome = behind.then(
      () => "fulfilled",
      (error: unknown) => error,
    );
    // Once the sleep is under way, end that backend from another connection.
    await expect
      .poll(
        async () =>
          (
            await other`select count(*)::int as n from pg_stat_activity
                       where pid = ${pid} and query like 'select pg_sleep%'`
          )[0]?.n,
      )
      .toBe(1);
    await other`select pg_terminate_backend(${pid})`;
    expect(await pairOutcome).toMatchObject({ code: expect.any(String) as string });
    expect(await behindOutcome).toMatchObject({ code: expect.any(String) as string });
    expect(await withPrelude(readSetting(sql), setting(sql, "after"))).toEqual([
      { value: "after", marker: "x" },
    ]);
  });
});

describe("postgres.js pipelining with a cancelled query", () => {
  it("gives a cancelled query's answer to that query, not to the one behind it", async () => {
    const sql = connectTo();
    await sql`select 1`; // connected, so the three below share one pipeline
    const first = sql`select pg_sleep(0.3), 'first' as value`;
    const second = sql`select 'second' as value`;
    const third = sql`select 'third' as value`;
    const settled = Promise.allSettled([first, second, third]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // `second` is written, waiting behind `first`: 3.4.9 skipped it at the next ReadyForQuery
    // and handed its rows to `third`.
    void (second.cancel() as unknown as Promise<void>).catch(() => undefined);
    const [, secondOutcome, thirdOutcome] = await settled;
    expect(thirdOutcome).toEqual({ status: "fulfilled", value: [{ value: "third" }] });
    // The cancel request may arrive before or after `second` ran.
    expect(
      secondOutcome.status === "fulfilled"
        ? secondOutcome.value
        : (secondOutcome.reason as { code?: string }).code,
    ).toEqual(
      expect.toSatisfy((x) => x === "57014" || JSON.stringify(x) === '[{"value":"second"}]'),
    );
  });
});

describe("postgres.js with a query cancelled before it reaches a connection", () => {
  it("hands the connection to the next query", async () => {
    const sql = connectTo();
    const held = await sql.reserve();
    const query = sql`select 'cancelled' as value`;
    const outcome = query.then(
      () => "fulfilled",
      (error: { code?: string }) => error.code,
    );
    // Dispatched on the next tick, after the cancel: it waits in the pool's queue, cancelled.
    void (query.cancel() as unknown as Promise<void>).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    held.release(); // the pool hands the connection to the cancelled query first
    expect(await outcome).toBe("57014");
    // 3.4.9 parked the connection as full: this waited for ever.
    expect(await sql`select 'next' as value`).toEqual([{ value: "next" }]);
  });
});
