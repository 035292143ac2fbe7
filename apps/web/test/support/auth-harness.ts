import { randomBytes } from "node:crypto";
import { parseWebConfig, type WebConfig } from "@ownlist/config";
import { createDb, type DbHandle } from "@ownlist/db/client";
import { createTestDatabase, type TestDatabase } from "@ownlist/db/testing";
import { type Auth, createAuth } from "../../lib/auth/create-auth.ts";
import {
  type CountVerdict,
  createDatabaseRateLimit,
} from "../../lib/server/database-rate-limit.ts";

export const WEB_ORIGIN = "http://localhost:3000";

export interface RequestOptions {
  /** The client address, as web's server puts it in X-Forwarded-For. Default 203.0.113.1. */
  ip?: string;
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

/**
 * Better Auth exactly as web configures it, on a database of its own, driven with real
 * `Request`s through its HTTP handler (so the origin check and the rate limiter run).
 */
export interface AuthHarness {
  /** The environment web was configured from: an api built from it shares web's secret and claims. */
  env: Record<string, string>;
  config: WebConfig;
  auth: Auth;
  database: TestDatabase;
  db: DbHandle;
  post(path: string, body: unknown, options?: RequestOptions): Promise<Response>;
  get(path: string, options?: RequestOptions): Promise<Response>;
  /** Signs a person up and returns their id and the session cookie (`name=value`). */
  signUp(person?: Person, options?: RequestOptions): Promise<{ id: string; cookie: string }>;
  /** `GET /api/token`'s per-user limit as the route builds it (lib/server/services.ts). */
  countTokenRequest(userId: string): Promise<CountVerdict>;
  /** A second Better Auth on the same database: another web process. */
  createSibling(): Auth;
  close(): Promise<void>;
}

export function newPerson(overrides: Partial<Person> = {}): Person {
  return {
    name: "Ada Lovelace",
    email: `ada-${randomBytes(5).toString("hex")}@example.test`,
    password: "correct horse battery",
    ...overrides,
  };
}

export async function createAuthHarness(env: Record<string, string> = {}): Promise<AuthHarness> {
  const database = await createTestDatabase();
  const webEnv = {
    NODE_ENV: "test",
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATABASE_URL: database.url,
    WEB_ORIGIN,
    AUTH_RATE_LIMIT_MAX: "1000",
    ...env,
  };
  const config = parseWebConfig(webEnv);
  const db = createDb(database.url, { max: 4 });
  const auth = createAuth({ config, db: db.db });
  const tokenRateLimit = createDatabaseRateLimit(db.db, "token", config.tokenRateLimit);

  const send = (method: string, path: string, body: unknown, options: RequestOptions = {}) => {
    const headers = new Headers(options.headers);
    headers.set("x-forwarded-for", options.ip ?? "203.0.113.1");
    if (options.origin !== null) headers.set("origin", options.origin ?? WEB_ORIGIN);
    if (options.cookie) headers.set("cookie", options.cookie);
    if (body !== undefined) headers.set("content-type", "application/json");
    return auth.handler(
      new Request(`${WEB_ORIGIN}/api/auth${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  };

  return {
    env: webEnv,
    config,
    auth,
    database,
    db,
    post: (path, body, options) => send("POST", path, body, options),
    get: (path, options) => send("GET", path, undefined, options),
    async signUp(person = newPerson(), options) {
      const response = await send("POST", "/sign-up/email", person, options);
      if (response.status !== 200) {
        throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
      }
      const body = (await response.json()) as { user: { id: string } };
      return { id: body.user.id, cookie: sessionCookieOf(response) };
    },
    countTokenRequest: (userId) => tokenRateLimit.count(userId),
    createSibling: () => createAuth({ config, db: db.db }),
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

/** `name=value` of the session cookie a response sets (throws when it sets none). */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .find((line) => line.startsWith("better-auth.session_token="));
  if (!cookie) throw new Error("no session cookie was set");
  return cookie.split(";")[0] as string;
}
