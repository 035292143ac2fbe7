import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type ApiConfig, parseApiConfig } from "@ownlist/config";
import { createPool, type PoolHandle } from "@ownlist/db";
import { createTestDatabase, type TestDatabase } from "@ownlist/db/testing";
import { signApiToken, type TokenSettings } from "@ownlist/token";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../src/app.ts";
import { createApiDb } from "../src/database.ts";

export const TEST_SECRET = "test-secret-that-is-at-least-32-characters-long";
export const WEB_ORIGIN = "http://web.test:3000";

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

export type Inject = (options: InjectOptions) => Promise<LightMyRequestResponse>;

export interface TestApp {
  app: FastifyInstance;
  /**
   * The database's owner, for fixtures and for checking what was written behind the api's back
   * (DATABASE_URL). The app itself never uses it.
   */
  db: PoolHandle;
  /** The app's own pool: the api's login role (API_DATABASE_URL), its time limits, as in production. */
  apiDb: PoolHandle;
  config: ApiConfig;
  tokenSettings: TokenSettings;
  /** Every line the app logged, parsed (pino JSON). */
  logs: Record<string, unknown>[];
  /** A person in the `user` table (tasks reference it), with a unique id and email. */
  createUser(name?: string): Promise<TestUser>;
  /** Injects as `user`, with a real token signed the way web signs it. */
  injectAs(user: TestUser): Inject;
  tokenFor(user: TestUser): string;
}

/**
 * Gives the calling test file an app on a database of its own, built before its tests and closed
 * after them. Call at the top level of the file; read the fields inside tests. `env` may be a
 * function, read when the app is built: for a value known only once an earlier `beforeAll` ran
 * (a server's port).
 */
export function build(
  env: Record<string, string> | (() => Record<string, string>) = {},
  beforeReady?: (app: FastifyInstance) => void,
): TestApp {
  const context = { logs: [] as Record<string, unknown>[] } as TestApp;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = parseApiConfig({
      NODE_ENV: "test",
      BETTER_AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: database.url,
      API_DATABASE_URL: database.apiUrl,
      WEB_ORIGIN,
      API_URL: "http://api.test:8000",
      // Every injected request comes from 127.0.0.1 and many tests send bad tokens on purpose:
      // the rate limits are off unless a test turns them on (hardening/rate-limits.test.ts does).
      API_RATE_LIMIT_MAX: "0",
      API_REJECTED_RATE_LIMIT_MAX: "0",
      ...(typeof env === "function" ? env() : env),
    });
    const db = createPool(database.url, { max: 4 });
    const apiDb = createApiDb(config, { max: 4 });
    const app = await createApp({
      config,
      db: apiDb,
      logger: {
        level: "info",
        stream: { write: (line: string) => void context.logs.push(JSON.parse(line)) },
      },
    });
    beforeReady?.(app);
    await app.ready();
    const tokenSettings = config.token;
    Object.assign(context, {
      app,
      db,
      apiDb,
      config,
      tokenSettings,
      async createUser(name = "Test User") {
        const id = randomUUID();
        const user = { id, email: `${id}@example.test`, name };
        await db.sql`insert into "user" (id, name, email) values (${id}, ${name}, ${user.email})`;
        return user;
      },
      tokenFor: (user: TestUser) => signApiToken(tokenSettings, user).token,
      injectAs(user: TestUser): Inject {
        const token = signApiToken(tokenSettings, user).token;
        return (options) =>
          app.inject({
            ...options,
            headers: { authorization: `Bearer ${token}`, ...options.headers },
          });
      },
    } satisfies Omit<TestApp, "logs">);
  });

  afterAll(async () => {
    await context.app?.close();
    await context.apiDb?.close();
    await context.db?.close();
    await database?.drop();
  });

  return context;
}

/**
 * For tests on real TCP sockets: the app listens on a free port of 127.0.0.1 before the file's
 * tests (`build()` closes it after them). Read `port` inside tests.
 */
export function listenOnFreePort(t: TestApp): { port: number } {
  const server = { port: 0 };
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    server.port = (t.app.server.address() as AddressInfo).port;
  });
  return server;
}

/** A task body with every field set. */
export function fullTask(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Buy milk",
    description: "2 litres",
    completed: false,
    priority: "high",
    due_date: "2026-12-01",
    tags: ["home"],
    ...overrides,
  };
}

/** How many tasks `userId` owns, read straight from the database. */
export async function countTasks(t: TestApp, userId: string): Promise<number> {
  const rows = await t.db.sql<{ count: number }[]>`
    select count(*)::int as count from tasks where user_id = ${userId}`;
  return rows[0]?.count ?? 0;
}
