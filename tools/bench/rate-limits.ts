/**
 * `npm run bench:rate-limits`: what counting the api's rate limits costs, by store (decision 041).
 * Its own embedded PostgreSQL seeded as `npm run bench` seeds it, and Debian's redis-server, then:
 *
 * 1. the listing at 64 connections against three api units on the same database, in alternating
 *    rounds (each round starting with the next): limits off, counted in memory, counted in Redis. Requests/s, p99, and CPU per
 *    request of the api and of redis-server.
 * 2. the per-request check alone, 64 at a time, in alternating rounds: the Redis script (one
 *    `EVALSHA` through ioredis, as the api sends it) against the PostgreSQL candidate, an UPSERT
 *    on an unlogged table through a pool of 10 (the api's pool size). Checks/s, p99, and the
 *    server's CPU per check, to set beside the listing's own cost from part 1.
 *
 * Prints a Markdown report (docs/benchmarks/rate-limits.md keeps the recorded run).
 */
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@ownlist/db";
import { redisInstalled, removeRedisDirectory, startRedisServer } from "@ownlist/scripts/redis";
import { type Service, startService, waitForUrl } from "@ownlist/scripts/service";
import { ensureUnits, unitPath } from "@ownlist/scripts/units";
import { Redis } from "ioredis";
import postgres from "postgres";
import { startBenchDatabase } from "./lib/database.ts";
import { readProcessTreeCpuMs } from "./lib/process-memory.ts";
import { benchTokenSettings, mintTokens } from "./lib/tokens.ts";
import { runLoad } from "./load/run-load.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const log = (line: string) => console.log(`[bench:rate-limits] ${line}`);
const ROUNDS = 4;
const SECONDS = 10;
const CHECK_SECONDS = 5;
const CONNECTIONS = 64;
const WINDOW_MS = 60_000;

/** The same check as the api's script (apps/api/src/plugins/app/rate-limits/redis-counter.ts). */
const REDIS_HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

type Store = "off" | "memory" | "redis";

async function startApi(store: Store, env: NodeJS.ProcessEnv, redisUrl: string) {
  const port = await findFreePort();
  const storeEnv: NodeJS.ProcessEnv =
    store === "off"
      ? { API_RATE_LIMIT_MAX: "0" }
      : store === "memory"
        ? { API_RATE_LIMIT_STORE: "memory" }
        : { API_RATE_LIMIT_STORE: "redis", REDIS_URL: redisUrl };
  const service = startService({
    name: `api-${store}`,
    command: process.execPath,
    args: [unitPath(root, "api")],
    cwd: join(root, "apps/api"),
    env: { ...env, ...storeEnv, API_PORT: String(port) },
    output: (line) => console.log(line),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/health`, 60_000, service);
  return { url, service };
}

/** Runs `check` from `concurrency` loops for `seconds`; checks/s and latency percentiles. */
async function hammer(
  concurrency: number,
  seconds: number,
  check: (i: number) => Promise<unknown>,
) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await check(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    count: latencies.length,
    perSecond: latencies.length / ((performance.now() - started) / 1000),
    p50: at(0.5),
    p99: at(0.99),
  };
}

const cpuMs = (pid: number | null | undefined) => (pid ? (readProcessTreeCpuMs(pid) ?? 0) : 0);

async function main(): Promise<void> {
  if (!redisInstalled())
    throw new Error("redis-server is not installed: apt-get install -y redis-server");
  await ensureUnits(root, log);
  const secret = randomBytes(32).toString("base64url");
  const loadAtStart = loadavg();
  log("seeding 1,000 users × 20 tasks");
  const database = await startBenchDatabase(1000, 20);
  const redis = await startRedisServer();
  const apis: { store: Store; url: string; service: Service }[] = [];
  try {
    const users = mintTokens(benchTokenSettings(secret), database.userIds);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      API_DATABASE_URL: database.apiUrl,
      BETTER_AUTH_SECRET: secret,
      HOST: "127.0.0.1",
      // Counted, never refused: the cost of counting is what is measured.
      API_RATE_LIMIT_MAX: "100000000",
    };
    for (const store of ["off", "memory", "redis"] as const) {
      apis.push({ store, ...(await startApi(store, env, redis.url)) });
    }

    // 1. The listing, alternating off / memory / redis.
    const listing: Record<
      Store,
      { rps: number[]; p99: number[]; apiUs: number[]; redisUs: number[]; failed: number[] }
    > = {
      off: { rps: [], p99: [], apiUs: [], redisUs: [], failed: [] },
      memory: { rps: [], p99: [], apiUs: [], redisUs: [], failed: [] },
      redis: { rps: [], p99: [], apiUs: [], redisUs: [], failed: [] },
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each round starts with the next store, so none always runs first or last.
      for (const api of [
        ...apis.slice(round % apis.length),
        ...apis.slice(0, round % apis.length),
      ]) {
        const before = { api: cpuMs(api.service.child.pid), redis: cpuMs(redis.process.pid) };
        const result = await runLoad({
          url: api.url,
          traffic: "read",
          connections: CONNECTIONS,
          durationSeconds: SECONDS,
          timeoutSeconds: 10,
          users,
        });
        const served = Math.max(1, result.requests);
        const entry = listing[api.store];
        entry.rps.push(result.requestsPerSecond);
        entry.p99.push(result.latencyMs.p99);
        entry.apiUs.push(((cpuMs(api.service.child.pid) - before.api) * 1000) / served);
        entry.redisUs.push(((cpuMs(redis.process.pid) - before.redis) * 1000) / served);
        entry.failed.push(result.errors + result.timeouts + result.non2xx);
        log(
          `${api.store}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.latencyMs.p99} ms`,
        );
      }
    }
    await Promise.all(apis.map((api) => api.service.stop()));

    // 2. The check alone: Redis script against PostgreSQL UPSERT, alternating.
    const sql = postgres(database.url, { max: 10, onnotice: () => undefined });
    await sql`create unlogged table if not exists bench_rate_limits (
      key text primary key, count integer not null, reset_at timestamptz not null)`;
    const client = new Redis(redis.url);
    client.defineCommand("benchHit", { numberOfKeys: 1, lua: REDIS_HIT });
    const hit = (key: string) =>
      (client as unknown as { benchHit(key: string, ms: number): Promise<unknown> }).benchHit(
        key,
        WINDOW_MS,
      );
    const keys = database.userIds.slice(0, CONNECTIONS);
    const checks = {
      redis: (i: number) => hit(`ownlist:api:user:${keys[i]}`),
      postgresql: (i: number) => sql`
        insert into bench_rate_limits as r (key, count, reset_at)
        values (${keys[i] as string}, 1, now() + ${`${WINDOW_MS} milliseconds`}::interval)
        on conflict (key) do update set
          count = case when r.reset_at <= now() then 1 else r.count + 1 end,
          reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
        returning count, reset_at`,
    };
    const checkResults: Record<string, { perSecond: number[]; p99: number[]; serverUs: number[] }> =
      {};
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, check] of Object.entries(checks)) {
        const pid = name === "redis" ? redis.process.pid : database.postmasterPid;
        const before = cpuMs(pid);
        const result = await hammer(CONNECTIONS, CHECK_SECONDS, check);
        const entry = (checkResults[name] ??= { perSecond: [], p99: [], serverUs: [] });
        entry.perSecond.push(result.perSecond);
        entry.p99.push(result.p99);
        entry.serverUs.push(((cpuMs(pid) - before) * 1000) / Math.max(1, result.count));
        log(`${name} check: ${result.perSecond.toFixed(0)}/s, p99 ${result.p99.toFixed(2)} ms`);
      }
    }
    client.disconnect();
    await sql.end({ timeout: 5 });

    const fmt = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(" / ");
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const offRps = median(listing.off.rps);
    const loadAtEnd = loadavg();
    const lines = [
      `Run ${new Date().toISOString()} on ${cpus().length} cores shared with other work (load average ${loadAtStart.map((v) => v.toFixed(1)).join(", ")} at start, ${loadAtEnd.map((v) => v.toFixed(1)).join(", ")} at end); ${ROUNDS} alternating rounds, values per round.`,
      "",
      `| listing, ${CONNECTIONS} connections, ${SECONDS} s | req/s | median vs off | p99 (ms) | api CPU µs/req | redis-server CPU µs/req | failed |`,
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...(["off", "memory", "redis"] as const).map((store) => {
        const entry = listing[store];
        return `| ${store} | ${fmt(entry.rps)} | ${(median(entry.rps) / offRps).toFixed(2)} | ${fmt(entry.p99)} | ${fmt(entry.apiUs)} | ${fmt(entry.redisUs)} | ${fmt(entry.failed)} |`;
      }),
      "",
      `| the check alone, ${CONNECTIONS} at a time, ${CHECK_SECONDS} s | checks/s | p99 (ms) | server CPU µs/check |`,
      "| --- | --- | --- | --- |",
      ...Object.entries(checkResults).map(
        ([name, entry]) =>
          `| ${name} | ${fmt(entry.perSecond)} | ${fmt(entry.p99, 2)} | ${fmt(entry.serverUs)} |`,
      ),
    ];
    console.log(`\n${lines.join("\n")}\n`);
  } finally {
    await Promise.all(apis.map((api) => api.service.stop()));
    await redis.stop();
    removeRedisDirectory(redis);
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
