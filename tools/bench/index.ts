import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { summariseProfiles } from "./lib/cpu-profile.ts";
import { startBenchDatabase } from "./lib/database.ts";
import { formatGoals, judgeGoals } from "./lib/goals.ts";
import { measureTarget } from "./lib/measure-target.ts";
import type { ProcessMemory } from "./lib/process-memory.ts";
import { formatTextTable, type Measurement, toRows } from "./lib/report.ts";
import { benchTokenSettings, mintTokens } from "./lib/tokens.ts";
import { type BenchResults, writeResults } from "./lib/write-results.ts";
import { parseBenchSettings } from "./settings.ts";

/**
 * `npm run bench`: its own embedded PostgreSQL, seeded users and tokens, then floor-http,
 * floor-db and the production api one after another on the same data, each driven by autocannon
 * from a separate process. Prints one table and writes results.{json,md} (docs/benchmarks/).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  const settings = parseBenchSettings(process.env, root);
  const secret = randomBytes(32).toString("base64url");
  const loadAverageBefore = loadavg();
  log(`seeding ${settings.users} users × ${settings.tasksPerUser} tasks in an embedded PostgreSQL`);
  const database = await startBenchDatabase(settings.users, settings.tasksPerUser);
  const stopOnSignal = () => void database.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const users = mintTokens(benchTokenSettings(secret), database.userIds);
    const cpuProfileDir = settings.cpuProfile
      ? join(settings.outputDir, "profiles", new Date().toISOString().replace(/[:.]/g, "-"))
      : undefined;
    const options = {
      root,
      databaseUrl: database.url,
      apiDatabaseUrl: database.apiUrl,
      secret,
      floorPoolSize: settings.floorPoolSize,
      floorWorkers: settings.floorWorkers,
      floorBacklog: settings.floorBacklog,
      floorMaxInFlight: settings.floorMaxInFlight,
      apiEnv: settings.apiEnv,
      cpuProfileDir,
      output: (line: string) => console.log(line),
    };
    const measurements: Measurement[] = [];
    const listings: Record<string, string | null> = {};
    const memoryAtStart: Record<string, ProcessMemory | null> = {};
    for (const target of settings.targets) {
      const run = await measureTarget(target, settings, users, database, options, log);
      measurements.push(...run.measurements);
      listings[target] = run.sampleListing;
      memoryAtStart[target] = run.memoryAtStart;
    }

    const rows = toRows(measurements);
    const goals = judgeGoals(rows);
    console.log(`\n${formatTextTable(rows)}\n`);
    for (const line of formatGoals(goals)) console.log(line);
    const apiProfileDir = cpuProfileDir && join(cpuProfileDir, "api");
    const profile =
      apiProfileDir && existsSync(apiProfileDir) ? summariseProfiles(apiProfileDir, root) : null;
    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      gitCommit: gitCommit(),
      note: process.env.BENCH_NOTE ?? "",
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        node: process.version,
        loadAverageBefore,
        loadAverageAfter: loadavg(),
      },
      settings: { ...settings, outputDir: relative(root, settings.outputDir) },
      rows,
      goals,
      responseCheck: compareListings(users[0]!.id, listings),
      memoryAtStart,
      measurements,
      profile,
    };
    const written = await writeResults(settings.outputDir, results);
    log(`wrote ${written.json} and ${written.markdown}`);
  } finally {
    await database.stop();
  }
}

function compareListings(userId: string, listings: Record<string, string | null>) {
  const bytes = Object.fromEntries(
    Object.entries(listings).map(([target, body]) => [target, body ? Buffer.byteLength(body) : 0]),
  );
  const api = listings.api;
  const floor = listings["floor-db"];
  const apiEqualsFloorDb =
    api && floor ? isDeepStrictEqual(JSON.parse(api), JSON.parse(floor)) : null;
  return { userId, bytes, apiEqualsFloorDb };
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
