import { join } from "node:path";

/**
 * Everything `npm run bench` can be told through the environment, parsed once. Defaults are the
 * issue's full run (1,000 users × 20 tasks, 15 s per scenario); the smoke test shrinks them.
 */
export interface BenchSettings {
  users: number;
  tasksPerUser: number;
  /** Scenario (a): one connection per user by default. */
  highConnections: number;
  /** Scenarios (b) and (c). */
  lowConnections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** A request unanswered after this long counts as a time-out (autocannon's default is 10). */
  timeoutSeconds: number;
  /** Which targets and scenarios to run: all unless narrowed (e.g. for a profile). */
  targets: TargetName[];
  scenarios: ScenarioName[];
  outputDir: string;
  /** Write V8 CPU profiles of every target into outputDir/profiles/<run>/<target>/. */
  cpuProfile: boolean;
  /** Pool size of floor-db's postgres.js client, per worker (the api's createDb default is 10). */
  floorPoolSize: number;
  /** node:cluster workers of each floor server (1 = a single process). */
  floorWorkers: number;
  /** listen() backlog of the floors; unset = Node's default (511). */
  floorBacklog: number | undefined;
  /** Requests floor-db works on at once, the rest waiting in order; 0 = unbounded. */
  floorMaxInFlight: number;
  /** Extra environment for the api process, e.g. API_WORKERS=2 (BENCH_API_ENV="A=1,B=2"). */
  apiEnv: Record<string, string>;
}

/**
 * `npm-start`: the api as people run it, `npm start` with default settings (web beside it, log
 * level `info`, the start script's output to a file), on the bench's database (issue 16).
 */
export const TARGET_NAMES = ["floor-http", "floor-db", "api", "npm-start"] as const;
export type TargetName = (typeof TARGET_NAMES)[number];
/** `write-mix-keyed`: the write mix with a fresh `Idempotency-Key` on every write (decision 031). */
export const SCENARIO_NAMES = ["read-high", "read-low", "write-mix", "write-mix-keyed"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

type Env = Record<string, string | undefined>;

export function parseBenchSettings(env: Env, root: string): BenchSettings {
  const users = integer(env, "BENCH_USERS", 1000, 1, 100_000);
  return {
    users,
    tasksPerUser: integer(env, "BENCH_TASKS_PER_USER", 20, 1, 500),
    highConnections: integer(env, "BENCH_CONNECTIONS_HIGH", users, 1, 10_000),
    lowConnections: integer(env, "BENCH_CONNECTIONS_LOW", Math.min(64, users), 1, 10_000),
    durationSeconds: number(env, "BENCH_DURATION_SECONDS", 15, 0.5, 600),
    warmupSeconds: number(env, "BENCH_WARMUP_SECONDS", 3, 0, 120),
    timeoutSeconds: number(env, "BENCH_TIMEOUT_SECONDS", 10, 1, 120),
    targets: list(env, "BENCH_TARGETS", TARGET_NAMES),
    scenarios: list(env, "BENCH_SCENARIOS", SCENARIO_NAMES),
    outputDir: env.BENCH_OUTPUT_DIR || join(root, "docs", "benchmarks"),
    cpuProfile: env.BENCH_CPU_PROF === "1",
    floorPoolSize: integer(env, "BENCH_FLOOR_POOL", 10, 1, 200),
    floorWorkers: integer(env, "BENCH_FLOOR_WORKERS", 1, 1, 64),
    floorBacklog: env.BENCH_FLOOR_BACKLOG
      ? integer(env, "BENCH_FLOOR_BACKLOG", 511, 1, 65_535)
      : undefined,
    floorMaxInFlight: integer(env, "BENCH_FLOOR_MAX_IN_FLIGHT", 0, 0, 100_000),
    apiEnv: keyValues(env.BENCH_API_ENV),
  };
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name}: must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = number(env, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new Error(`${name}: must be a whole number`);
  return value;
}

function list<T extends string>(env: Env, name: string, allowed: readonly T[]): T[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return [...allowed];
  const values = raw.split(",").map((value) => value.trim());
  for (const value of values) {
    if (!allowed.includes(value as T)) {
      throw new Error(`${name}: "${value}" is not one of ${allowed.join(", ")}`);
    }
  }
  return allowed.filter((value) => values.includes(value));
}

function keyValues(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  const pairs = raw.split(",").map((pair) => pair.split("="));
  const invalid = pairs.find((pair) => pair.length !== 2 || !pair[0]);
  if (invalid)
    throw new Error(`BENCH_API_ENV: expected NAME=value pairs, got "${invalid.join("=")}"`);
  return Object.fromEntries(pairs as [string, string][]);
}
