import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseWebConfig } from "@ownlist/config";
import { createDb, type DbHandle } from "@ownlist/db/client";
import { type EmbeddedPostgres, migrateDatabase, startEmbeddedPostgres } from "@ownlist/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleAuthRequest } from "../../lib/auth/handle-auth-request.ts";
import { type Auth, createAuth } from "../../lib/auth/create-auth.ts";
import { WEB_DATABASE_POOL_OPTIONS } from "../../lib/server/database-options.ts";
import { createDatabaseRateLimit } from "../../lib/server/database-rate-limit.ts";
import { handleTokenRequest } from "../../lib/token/handle-token-request.ts";
import { newPerson, sessionCookieOf, WEB_ORIGIN } from "../support/auth-harness.ts";

/**
 * Web's Better Auth and token route on a PostgreSQL of their own, which the test stops and
 * starts again on the same data directory and port (issue 13 item 6).
 */
let postgres: EmbeddedPostgres;
let db: DbHandle;
let auth: Auth;
let config: ReturnType<typeof parseWebConfig>;
const dataDir = join(tmpdir(), `ownlist-web-outage-${randomBytes(4).toString("hex")}`);
const person = newPerson();

beforeAll(async () => {
  // Not ephemeral: stopping must keep the data for the restart; afterAll removes it.
  postgres = await startEmbeddedPostgres({ dataDir });
  await migrateDatabase(postgres.url);
  config = parseWebConfig({
    NODE_ENV: "test",
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATABASE_URL: postgres.url,
    WEB_ORIGIN,
    AUTH_RATE_LIMIT_MAX: "1000",
  });
  db = createDb(postgres.url, WEB_DATABASE_POOL_OPTIONS);
  auth = createAuth({ config, db: db.db });
}, 120_000);

afterAll(async () => {
  await db?.close();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.password`, { force: true });
  rmSync(`${dataDir}.api-password`, { force: true });
});

const authPost = (path: string, body: unknown) =>
  handleAuthRequest(
    auth,
    new Request(`${WEB_ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: {
        origin: WEB_ORIGIN,
        "content-type": "application/json",
        "x-forwarded-for": "203.0.113.9",
      },
      body: JSON.stringify(body),
    }),
  );

const tokenRoute = (cookie: string) => {
  const rateLimit = createDatabaseRateLimit(db.db, "token", config.tokenRateLimit);
  return handleTokenRequest(
    {
      getSession: (headers) => auth.api.getSession({ headers }),
      tokenSettings: config.token,
      countTokenRequest: (userId) => rateLimit.count(userId),
    },
    new Request(`${WEB_ORIGIN}/api/token`, { headers: { cookie } }),
  );
};

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await response.json()) as { status: number; detail: string };
  expect(body.status).toBe(503);
  expect(body.detail).toMatch(/try again/i);
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|at \w+ \(|stack/i);
}

describe("web with its database stopped", () => {
  it("answers sign-in, sign-up and the token route 503 problem+json, then recovers", async () => {
    const signedUp = await authPost("/sign-up/email", person);
    expect(signedUp.status).toBe(200);
    const cookie = sessionCookieOf(signedUp);
    expect((await tokenRoute(cookie)).status).toBe(200);

    await postgres.stop();
    await expectUnavailable(
      await authPost("/sign-in/email", { email: person.email, password: person.password }),
    );
    await expectUnavailable(await authPost("/sign-up/email", newPerson()));
    await expectUnavailable(await tokenRoute(cookie));

    // Same data directory and port: web's pool reconnects by itself, no restart.
    postgres = await startEmbeddedPostgres({ dataDir, port: postgres.port });
    const signedIn = await authPost("/sign-in/email", {
      email: person.email,
      password: person.password,
    });
    expect(signedIn.status).toBe(200);
    expect((await tokenRoute(cookie)).status).toBe(200);
  }, 120_000);
});
