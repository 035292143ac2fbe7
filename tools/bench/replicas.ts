/**
 * `npm run bench:replicas`: what the production units and nginx cost and give on this machine
 * (decision 038). Its own embedded PostgreSQL, seeded as `npm run bench` seeds it, then:
 *
 * 1. the api started from TypeScript through tsx and as the esbuild unit, alternately: time until
 *    `/health` answers and resident memory at rest, then the largest resident memory while 1,000
 *    connections read the listing;
 * 2. the listing's requests/s and p99 straight to one api unit, through nginx to one, and through
 *    nginx to two, in alternating rounds so that the neighbours' load falls on all three alike.
 *
 * Prints a Markdown report (docs/benchmarks/replicas.md keeps the recorded run).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@ownlist/db";
import { NGINX_BINARY, nginxDirectory, nginxInstalled, prepareNginx } from "@ownlist/scripts/nginx";
import { type Service, startService, waitForUrl } from "@ownlist/scripts/service";
import { ensureUnits, unitPath } from "@ownlist/scripts/units";
import { startBenchDatabase } from "./lib/database.ts";
import { readProcessTreeMemory } from "./lib/process-memory.ts";
import { benchTokenSettings, mintTokens } from "./lib/tokens.ts";
import type { BenchUser } from "./load/plan.ts";
import { runLoad } from "./load/run-load.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const log = (line: string) => console.log(`[bench:replicas] ${line}`);
const ROUNDS = 2;
const SECONDS = 10;
const CONNECTIONS = 64;
const MEMORY_CONNECTIONS = 1000;

type Runner = "tsx" | "unit";

interface ApiProcess {
  url: string;
  service: Service;
  startMs: number;
}

async function startApi(runner: Runner, env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const port = await findFreePort();
  const entry =
    runner === "tsx"
      ? ["--import", "tsx", join(root, "apps/api/src/server.ts")]
      : [unitPath(root, "api")];
  const started = performance.now();
  const service = startService({
    name: `api-${runner}`,
    command: process.execPath,
    args: entry,
    cwd: join(root, "apps/api"),
    env: { ...env, API_PORT: String(port) },
    output: (line) => console.log(line),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/health`, 60_000, service);
  return { url, service, startMs: performance.now() - started };
}

function rssMb(service: Service): number {
  return readProcessTreeMemory(service.child.pid ?? 0)?.maxRssMb ?? Number.NaN;
}

/** Reads at `connections` for SECONDS while sampling the api's resident memory. */
async function readLoad(url: string, users: BenchUser[], connections: number, watch?: Service) {
  let peak = 0;
  const sampler = watch
    ? setInterval(() => {
        peak = Math.max(peak, rssMb(watch));
      }, 250)
    : undefined;
  try {
    const result = await runLoad({
      url,
      traffic: "read",
      connections,
      durationSeconds: SECONDS,
      timeoutSeconds: 10,
      users,
    });
    return { ...result, peakRssMb: peak };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  if (!nginxInstalled()) throw new Error("nginx is not installed: apt-get install -y nginx");
  await ensureUnits(root, log);
  const secret = randomBytes(32).toString("base64url");
  const load = loadavg();
  log("seeding 1,000 users × 50 tasks");
  const database = await startBenchDatabase(1000, 50);
  const nginxDirs: string[] = [];
  const children: Service[] = [];
  try {
    const users = mintTokens(benchTokenSettings(secret), database.userIds);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      API_DATABASE_URL: database.apiUrl,
      BETTER_AUTH_SECRET: secret,
      HOST: "127.0.0.1",
      API_RATE_LIMIT_MAX: "0",
    };

    // 1. tsx against the unit, alternating.
    const units: Record<
      Runner,
      { startMs: number[]; idleMb: number[]; loadedMb: number[]; rps: number[] }
    > = {
      tsx: { startMs: [], idleMb: [], loadedMb: [], rps: [] },
      unit: { startMs: [], idleMb: [], loadedMb: [], rps: [] },
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const runner of ["tsx", "unit"] as const) {
        const api = await startApi(runner, env);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        units[runner].startMs.push(api.startMs);
        units[runner].idleMb.push(rssMb(api.service));
        const loaded = await readLoad(api.url, users, MEMORY_CONNECTIONS, api.service);
        units[runner].loadedMb.push(loaded.peakRssMb);
        units[runner].rps.push(loaded.requestsPerSecond);
        log(
          `${runner}: start ${api.startMs.toFixed(0)} ms, ${loaded.peakRssMb} MB under ${MEMORY_CONNECTIONS} connections`,
        );
        await api.service.stop();
      }
    }

    // 2. direct, nginx → 1, nginx → 2.
    const api1 = await startApi("unit", env);
    const api2 = await startApi("unit", env);
    children.push(api1.service, api2.service);
    const portOf = (url: string) => Number(new URL(url).port);
    const startNginx = async (upstreamPorts: number[]) => {
      const [apiPort, webPort] = [await findFreePort(), await findFreePort()];
      const dir = nginxDirectory();
      nginxDirs.push(dir);
      const args = prepareNginx({
        dir,
        api: { host: "127.0.0.1", port: apiPort, upstreamPorts },
        web: { host: "127.0.0.1", port: webPort, upstreamPorts: [portOf(api1.url)] },
      });
      const child = spawn(NGINX_BINARY, args, { stdio: "inherit" });
      const url = `http://127.0.0.1:${apiPort}`;
      await waitForUrl(`${url}/health`, 10_000);
      return { url, child };
    };
    const nginx1 = await startNginx([portOf(api1.url)]);
    const nginx2 = await startNginx([portOf(api1.url), portOf(api2.url)]);
    const targets = { direct: api1.url, "nginx → 1 api": nginx1.url, "nginx → 2 api": nginx2.url };
    const listing: Record<string, { rps: number[]; p99: number[]; errors: number[] }> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, url] of Object.entries(targets)) {
        const result = await readLoad(url, users, CONNECTIONS);
        const entry = (listing[name] ??= { rps: [], p99: [], errors: [] });
        entry.rps.push(result.requestsPerSecond);
        entry.p99.push(result.latencyMs.p99);
        entry.errors.push(result.errors + result.timeouts + result.non2xx);
        log(
          `${name}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.latencyMs.p99} ms`,
        );
      }
    }
    for (const nginx of [nginx1, nginx2]) nginx.child.kill("SIGQUIT");

    const fmt = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(" / ");
    const lines = [
      `Run ${new Date().toISOString()} on ${cpus().length} cores shared with other work (load average ${load.map((v) => v.toFixed(1)).join(", ")} at start); ${ROUNDS} alternating rounds of ${SECONDS} s each, values per round.`,
      "",
      "| api started by | start to /health (ms) | RSS at rest (MB) | peak RSS, 1,000 connections (MB) | req/s under that load |",
      "| --- | --- | --- | --- | --- |",
      ...(["tsx", "unit"] as const).map(
        (runner) =>
          `| ${runner === "tsx" ? "tsx (TypeScript)" : "esbuild unit"} | ${fmt(units[runner].startMs)} | ${fmt(units[runner].idleMb, 1)} | ${fmt(units[runner].loadedMb, 1)} | ${fmt(units[runner].rps)} |`,
      ),
      "",
      `| listing, ${CONNECTIONS} connections | req/s | p99 (ms) | failed |`,
      "| --- | --- | --- | --- |",
      ...Object.entries(listing).map(
        ([name, entry]) =>
          `| ${name} | ${fmt(entry.rps)} | ${fmt(entry.p99)} | ${fmt(entry.errors)} |`,
      ),
    ];
    console.log(`\n${lines.join("\n")}\n`);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await database.stop();
    for (const dir of nginxDirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
