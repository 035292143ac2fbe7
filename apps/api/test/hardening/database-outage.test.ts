import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseApiConfig } from "@ownlist/config";
import {
  createPool,
  type EmbeddedPostgres,
  enableApiLogin,
  migrateDatabase,
  type PoolHandle,
  startEmbeddedPostgres,
} from "@ownlist/db";
import { signApiToken } from "@ownlist/token";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createApiDb } from "../../src/database.ts";
import { TEST_SECRET } from "../helper.ts";

/**
 * The api on a PostgreSQL of its own, which the test stops and starts again on the same data
 * directory and port while writes stream in (issue 6, item 3).
 */
let postgres: EmbeddedPostgres;
/** The owner's login, for the fixture and for reading what was stored. */
let db: PoolHandle;
/** The app's own pool: the api's login role on this server, as in production. */
let apiDb: PoolHandle;
let app: FastifyInstance;
const dataDir = join(tmpdir(), `ownlist-outage-${randomBytes(4).toString("hex")}`);
const user = { id: randomUUID(), email: "outage@example.test", name: "Outage" };
let authorization: string;

beforeAll(async () => {
  // Not ephemeral: stopping must keep the data for the restart; afterAll removes it.
  postgres = await startEmbeddedPostgres({ dataDir });
  await migrateDatabase(postgres.url);
  db = createPool(postgres.url, { max: 4 });
  const config = parseApiConfig({
    NODE_ENV: "test",
    BETTER_AUTH_SECRET: TEST_SECRET,
    DATABASE_URL: postgres.url,
    // A server of its own: its api login gets a password here, as npm start does.
    API_DATABASE_URL: await enableApiLogin(postgres.url, postgres.apiLoginPassword),
    API_RATE_LIMIT_MAX: "0",
  });
  apiDb = createApiDb(config, { max: 4 });
  app = await createApp({ config, db: apiDb, logger: { level: "silent" } });
  await db.sql`insert into "user" (id, name, email) values (${user.id}, ${user.name}, ${user.email})`;
  authorization = `Bearer ${signApiToken(config.token, user).token}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await apiDb?.close();
  await db?.close();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.password`, { force: true });
  rmSync(`${dataDir}.api-password`, { force: true });
});

/** The client's own bound: an answer later than this counts as none (docs/contract.md#request-deadline). */
const CLIENT_TIMEOUT_MS = 5_000;
const WRITERS = 20;
const OUTAGE_MS = 6_000;

type Outcome = { title: string; status: number | "no answer"; duringOutage: boolean };

describe("database outage (a listening api, 20 writers, PostgreSQL stopped for 6 s)", () => {
  it("answers every request within its deadline, never stores a write it refused later, and resumes", async () => {
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const outcomes: Outcome[] = [];
    /** Set once pg_ctl stop has returned; cleared as the restart begins. */
    let down = false;
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const title = `task ${n++}`;
        const startedDown = down;
        const status = await fetch(`${base}/api/${user.id}/tasks`, {
          method: "POST",
          headers: { authorization, "content-type": "application/json" },
          body: JSON.stringify({ title, description: `description of ${title}`, tags: ["a", "b"] }),
          signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
        }).then(
          async (response) => {
            if (response.status !== 201) {
              expect(response.status).toBe(503);
              expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
              expect(response.headers.get("retry-after")).not.toBeNull();
              expect(await response.text()).not.toMatch(/postgres|select|insert|at .*\.ts/i);
            } else await response.arrayBuffer();
            return response.status;
          },
          () => "no answer" as const,
        );
        // Begun and answered while the server was stopped: it cannot have reached PostgreSQL. One
        // begun near the end may be served by the restarted server, with a 201 that is kept.
        outcomes.push({ title, status, duringOutage: startedDown && down });
        // A refused writer tries again shortly rather than in a tight loop.
        if (status !== 201) await sleep(50);
      }
    };
    const writers = Array.from({ length: WRITERS }, () => writer());

    await sleep(1_000);
    await postgres.stop(); // pg_ctl stop -m fast, while the writers stream in
    down = true;
    // While it is down: /ready says 503 within its bound, /health stays 200.
    const ready = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(1_000) });
    expect(ready.status).toBe(503);
    expect(ready.headers.get("retry-after")).not.toBeNull();
    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1_000) });
    expect(health.status).toBe(200);
    await sleep(OUTAGE_MS);

    // Back on the same data directory and port: the api's pool reconnects by itself.
    down = false;
    postgres = await startEmbeddedPostgres({ dataDir, port: postgres.port });
    let readyAgain = false;
    for (let i = 0; i < 200 && !readyAgain; i += 1) {
      readyAgain = (await fetch(`${base}/ready`)).status === 200;
      if (!readyAgain) await sleep(100);
    }
    expect(readyAgain).toBe(true);
    const before = outcomes.length;
    await sleep(1_000);
    writing = false;
    await Promise.all(writers);

    expect(outcomes.filter((outcome) => outcome.status === "no answer")).toEqual([]);
    const during = outcomes.filter((outcome) => outcome.duringOutage);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((outcome) => outcome.status === 503)).toBe(true);
    // Service resumed: writes after the restart were acknowledged.
    expect(outcomes.slice(before).some((outcome) => outcome.status === 201)).toBe(true);

    const rows = await db.sql<{ title: string; description: string; tags: string[] }[]>`
      select title, description, tags from tasks where user_id = ${user.id}`;
    const stored = new Set(rows.map((row) => row.title));
    expect(rows).toHaveLength(stored.size);
    const acknowledged = outcomes.filter((outcome) => outcome.status === 201);
    for (const { title } of acknowledged) expect(stored.has(title)).toBe(true);
    // A 503 whose statement was under way when PostgreSQL stopped has an unknown outcome (its
    // commit may have landed just before). One sent while it was down never was: the api
    // did not keep it waiting to send it once PostgreSQL came back.
    const refusedButStored = outcomes.filter(
      (outcome) => outcome.status !== 201 && stored.has(outcome.title),
    );
    expect(refusedButStored.filter((outcome) => outcome.duringOutage)).toEqual([]);
    expect(refusedButStored.length).toBeLessThanOrEqual(WRITERS);
    expect(rows.length).toBe(acknowledged.length + refusedButStored.length);
    for (const row of rows) {
      expect(row.description).toBe(`description of ${row.title}`);
      expect(row.tags).toEqual(["a", "b"]);
    }
  }, 180_000);

  it("leaves exactly one task per keyed create that is retried with its key after the outage", async () => {
    // docs/contract.md#idempotency-key: a create whose answer was lost (503 while its statement
    // or its COMMIT was in flight at the stop) is retried with the same key once the database
    // is back; whatever happened to the first attempt, the title is stored once.
    const keyed = (title: string) =>
      app.inject({
        method: "POST",
        url: `/api/${user.id}/tasks`,
        headers: { authorization, "idempotency-key": `outage-${title.replaceAll(" ", "-")}` },
        payload: { title, description: `description of ${title}`, tags: ["a", "b"] },
      });
    const unanswered = new Set<string>();
    const attempt = async (title: string) => {
      const response = await keyed(title);
      if (response.statusCode === 201) return;
      expect(response.statusCode).toBe(503);
      unanswered.add(title);
    };

    const titles: string[] = [];
    let stopped = false;
    // Four writers at once, so that several creates are in flight when PostgreSQL stops.
    const writer = async (w: number) => {
      for (let i = 0; i < 2000 && !stopped; i += 1) {
        const title = `keyed ${w}.${i}`;
        titles.push(title);
        await attempt(title);
      }
    };
    const writing = Promise.all([0, 1, 2, 3].map(writer));
    for (let i = 0; i < 200 && titles.length < 40; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await postgres.stop();
    stopped = true;
    await writing;
    expect(unanswered.size).toBeGreaterThanOrEqual(1);

    postgres = await startEmbeddedPostgres({ dataDir, port: postgres.port });
    // Each unanswered create, retried with its key until it gets an answer.
    for (const title of unanswered) {
      let response = await keyed(title);
      for (let i = 0; i < 200 && response.statusCode === 503; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        response = await keyed(title);
      }
      expect(response.statusCode).toBe(201);
      expect(response.json().title).toBe(title);
    }

    const rows = await db.sql<{ title: string; count: number }[]>`
      select title, count(*)::int as count from tasks
      where user_id = ${user.id} and title like 'keyed %' group by title`;
    const stored = new Map(rows.map((row) => [row.title, row.count]));
    for (const title of titles) expect([title, stored.get(title)]).toEqual([title, 1]);
    expect(stored.size).toBe(titles.length);
  }, 180_000);
});
