import { randomBytes } from "node:crypto";
import { createPool } from "@ownlist/db";
import { parseApiConfig } from "@ownlist/config";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { build, TEST_SECRET } from "../helper.ts";

const t = build();

describe("/health and /ready", () => {
  it("answer 200 without a token while the database answers", async () => {
    expect((await t.app.inject({ method: "GET", url: "/health" })).json()).toEqual({
      status: "ok",
    });
    expect((await t.app.inject({ method: "GET", url: "/ready" })).json()).toEqual({
      status: "ready",
    });
  });
});

describe("with the database away", () => {
  // Nothing listens on port 1: every query fails to connect.
  const db = createPool("postgres://nobody:nothing@127.0.0.1:1/none");
  const config = parseApiConfig({ NODE_ENV: "test", BETTER_AUTH_SECRET: TEST_SECRET });
  const app = createApp({ config, db, logger: { level: "silent" } });
  afterAll(async () => {
    await (await app).close();
    await db.close();
  });

  it("/health stays 200 and /ready says 503 with Retry-After", async () => {
    const server = await app;
    expect((await server.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    const ready = await server.inject({ method: "GET", url: "/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers["retry-after"]).toBe("5");
  });

  it("task routes answer 503 problem with Retry-After, leaking nothing", async () => {
    const server = await app;
    const { signApiToken } = await import("@ownlist/token");
    const { token } = signApiToken(config.token, {
      id: "u1",
      email: "e@x.test",
      name: "U",
    });
    const response = await server.inject({
      method: "GET",
      url: "/api/u1/tasks",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers["retry-after"]).toBe("5");
    expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(response.json()).toMatchObject({ type: "urn:ownlist:problem:unavailable", status: 503 });
    expect(response.body).not.toContain("127.0.0.1");
  });
});

describe("with a login role that may not act as ownlist_api", () => {
  // A DATABASE_URL whose role was never granted the api's role: the database answers, but every
  // task request would fail, so the api must not call itself ready.
  const role = `not_granted_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  let server: Awaited<ReturnType<typeof createApp>> | undefined;
  let db: ReturnType<typeof createPool> | undefined;
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await t.db.sql.unsafe(`drop role if exists ${role}`);
  });

  it("/ready says 503 and logs why", async () => {
    await t.db.sql.unsafe(`create role ${role} login password '${password}'`);
    const url = new URL(t.config.databaseUrl!);
    url.username = role;
    url.password = password;
    db = createPool(url.toString(), { max: 1 });
    const logs: Record<string, unknown>[] = [];
    server = await createApp({
      config: t.config,
      db,
      logger: {
        level: "warn",
        stream: { write: (line: string) => void logs.push(JSON.parse(line)) },
      },
    });
    // The database itself answers this role...
    expect(await db.sql`select 1 as one`).toEqual([{ one: 1 }]);
    // ...but the api cannot work with it.
    const ready = await server.inject({ method: "GET", url: "/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: "database unavailable" });
    expect(
      logs.some((line) => line.msg === "not ready" && /ownlist_api/.test(String(line.reason))),
    ).toBe(true);
  });
});
