/**
 * docs/contract.md#limits, decision 041: with API_RATE_LIMIT_STORE=redis two api instances count
 * both rate limits in one real redis-server, so a limit holds across them; with Redis stopped or
 * hung they keep serving, log the outage once, and enforce the limits again once it is back.
 */
import { findFreePort } from "@ownlist/db";
import { useRedis, redisTestsRun } from "@ownlist/test-kit/redis";
import type { FastifyInstance, InjectOptions } from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { build, type TestUser } from "../helper.ts";

if (!redisTestsRun)
  console.warn("shared rate-limit tests skipped: apt-get install -y redis-server to run them");

const PER_USER = 4;
const REJECTED = 3;

describe.runIf(redisTestsRun)("rate limits shared by two api instances through Redis", () => {
  const redis = useRedis();
  const t = build(() => ({
    API_RATE_LIMIT_STORE: "redis",
    REDIS_URL: redis.url,
    API_RATE_LIMIT_MAX: String(PER_USER),
    API_REJECTED_RATE_LIMIT_MAX: String(REJECTED),
    API_RATE_LIMIT_WINDOW_SECONDS: "600",
  }));
  /** A second instance, as another replica: same configuration and database, its own process state. */
  let other: FastifyInstance;
  const otherLogs: Record<string, unknown>[] = [];
  /** The test's own look into Redis. */
  let peek: Redis;

  beforeAll(async () => {
    peek = new Redis(redis.url, { lazyConnect: true });
    // Redis is stopped on purpose below; the reconnection errors are expected.
    peek.on("error", () => undefined);
    await peek.connect();
    other = await createApp({
      config: t.config,
      db: t.apiDb,
      logger: {
        level: "info",
        stream: { write: (line: string) => void otherLogs.push(JSON.parse(line)) },
      },
    });
    await other.ready();
  });

  afterAll(async () => {
    peek?.disconnect();
    await other?.close();
  });

  const apps = () => [t.app, other];
  /** Sends the n-th request to one instance, the next to the other. */
  const spread = (n: number, options: InjectOptions) =>
    (apps()[n % 2] as FastifyInstance).inject(options);
  const asUser = (user: TestUser) => ({
    url: `/api/${user.id}/tasks`,
    headers: { authorization: `Bearer ${t.tokenFor(user)}` },
  });
  const fromAddress = (remoteAddress: string) => ({
    url: "/api/someone/tasks",
    remoteAddress,
    headers: { authorization: "Bearer a.b.c" },
  });
  const reasons = (logs: Record<string, unknown>[], reason: string) =>
    logs.filter((line) => line.reason === reason).length;

  function expectTooMany(response: { statusCode: number; headers: Record<string, unknown> }) {
    expect(response.statusCode).toBe(429);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(response.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
  }

  /** Per user: the limit's requests spread over both instances are served, the next is refused on either. */
  async function expectUserLimitShared(user: TestUser) {
    for (let n = 0; n < PER_USER; n += 1) {
      expect((await spread(n, asUser(user))).statusCode).toBe(200);
    }
    expectTooMany(await spread(PER_USER, asUser(user)));
    expectTooMany(await spread(PER_USER + 1, asUser(user)));
  }

  /**
   * Sends requests as `user` until both instances have logged that the store is back (the client
   * reconnects by itself; one request a second tries the store while it is away).
   */
  async function untilRecovered(user: TestUser) {
    const deadline = Date.now() + 20_000;
    for (let n = 0; Date.now() < deadline; n += 1) {
      await spread(n, asUser(user));
      const back = [t.logs, otherLogs].every(
        (logs) => reasons(logs, "rate_limit_store_recovered") > 0,
      );
      if (back) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the rate-limit store was not reported back within 20 s");
  }

  async function until(condition: () => Promise<boolean>) {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error("condition not met within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("answers 429 at the per-user limit with the requests spread over both instances", async () => {
    const [alice, bob] = [await t.createUser("Alice"), await t.createUser("Bob")];
    await expectUserLimitShared(alice);
    // Another user's count is their own.
    expect((await spread(0, asUser(bob))).statusCode).toBe(200);
  });

  it("answers 429 for an address's rejected tokens after its 401s on both instances", async () => {
    const address = "203.0.113.21";
    for (let n = 0; n < REJECTED; n += 1) {
      expect((await spread(n, fromAddress(address))).statusCode).toBe(401);
    }
    // Each 401 is counted once answered, without the answer waiting for it: until the last count
    // has landed in Redis, the next request may race it.
    await until(async () => Number(await peek.get(`ownlist:api:rejected:${address}`)) === REJECTED);
    expectTooMany(await spread(REJECTED, fromAddress(address)));
    expectTooMany(await spread(REJECTED + 1, fromAddress(address)));
    // A valid token from the same address is served on either instance.
    const carol = await t.createUser("Carol");
    for (const app of apps()) {
      const served = await app.inject({ ...asUser(carol), remoteAddress: address });
      expect(served.statusCode).toBe(200);
    }
    expect((await spread(0, fromAddress("203.0.113.22"))).statusCode).toBe(401);
  });

  it("keeps serving with Redis stopped, logs it once per instance, and limits again once it is back", async () => {
    const [dave, erin, frank] = [
      await t.createUser("Dave"),
      await t.createUser("Erin"),
      await t.createUser("Frank"),
    ];
    await redis.stop();
    try {
      // Many requests, each served; the outage is one line per instance, not one per request.
      for (let n = 0; n < PER_USER; n += 1) {
        expect((await spread(n, asUser(dave))).statusCode).toBe(200);
      }
      expect((await spread(0, fromAddress("203.0.113.23"))).statusCode).toBe(401);
      expect(reasons(t.logs, "rate_limit_store_unreachable")).toBe(1);
      expect(reasons(otherLogs, "rate_limit_store_unreachable")).toBe(1);
    } finally {
      await redis.start();
    }
    await untilRecovered(erin);
    await expectUserLimitShared(frank);
    expect(reasons(t.logs, "rate_limit_store_unreachable")).toBe(1);
    expect(reasons(otherLogs, "rate_limit_store_unreachable")).toBe(1);
  });

  it("starts and serves when Redis is unreachable from the start, and says so once", async () => {
    const logs: Record<string, unknown>[] = [];
    const nowhere = await findFreePort();
    const alone = await createApp({
      config: {
        ...t.config,
        rateLimitStore: { kind: "redis", url: `redis://127.0.0.1:${nowhere}` },
      },
      db: t.apiDb,
      logger: {
        level: "info",
        stream: { write: (line: string) => void logs.push(JSON.parse(line)) },
      },
    });
    try {
      await alone.ready();
      const judy = await t.createUser("Judy");
      for (let n = 0; n < 3; n += 1) {
        expect((await alone.inject(asUser(judy))).statusCode).toBe(200);
      }
      expect(reasons(logs, "rate_limit_store_unreachable")).toBe(1);
    } finally {
      await alone.close();
    }
  });

  it("never hangs on a hung Redis: serves, logs it, and recovers when it answers again", async () => {
    const [gina, hugo, ivan] = [
      await t.createUser("Gina"),
      await t.createUser("Hugo"),
      await t.createUser("Ivan"),
    ];
    const before = [t.logs, otherLogs].map((logs) => reasons(logs, "rate_limit_store_unreachable"));
    redis.hang();
    try {
      for (let n = 0; n < 2; n += 1) {
        expect((await spread(n, asUser(gina))).statusCode).toBe(200);
      }
      expect(reasons(t.logs, "rate_limit_store_unreachable")).toBe((before[0] as number) + 1);
      expect(reasons(otherLogs, "rate_limit_store_unreachable")).toBe((before[1] as number) + 1);
    } finally {
      redis.wake();
    }
    t.logs.splice(0);
    otherLogs.splice(0);
    await untilRecovered(hugo);
    await expectUserLimitShared(ivan);
  });
});
