import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "@ownlist/db";
import { type Service, startService, waitForUrl } from "@ownlist/scripts/service";
import { ensureUnits, unitPath } from "@ownlist/scripts/units";
import type { TargetName } from "../settings.ts";

/** A server under test, started as its own process on a free loopback port. */
export interface RunningTarget {
  name: TargetName;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface TargetOptions {
  root: string;
  databaseUrl: string;
  /** The api's own login (API_DATABASE_URL); the floors keep `databaseUrl`. */
  apiDatabaseUrl: string;
  secret: string;
  floorPoolSize: number;
  floorWorkers: number;
  floorBacklog: number | undefined;
  floorMaxInFlight: number;
  apiEnv: Record<string, string>;
  /** Where each target writes its V8 CPU profile(s), in a folder named after it; none if unset. */
  cpuProfileDir: string | undefined;
  output: (line: string) => void;
}

/** npm start may build web first: minutes on a busy 2-core machine. */
const START_TIMEOUT_MS = 600_000;

export async function startTarget(
  name: TargetName,
  options: TargetOptions,
): Promise<RunningTarget> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const profileArgs = options.cpuProfileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${join(options.cpuProfileDir, name)}`]
    : [];
  if (name === "api") await ensureUnits(options.root, options.output);
  const service =
    name === "npm-start"
      ? await startThroughNpmStart(port, options)
      : name === "api"
        ? startApi(port, profileArgs, options)
        : startFloor(name, port, profileArgs, options);
  try {
    await waitForUrl(`${url}/health`, START_TIMEOUT_MS, service);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { name, url, pid: service.child.pid ?? 0, stop: () => service.stop(30_000) };
}

/** The api exactly as production runs it (its unit, decision 038), but on the bench's database. */
function startApi(port: number, profileArgs: string[], options: TargetOptions): Service {
  return startService({
    name: "api",
    command: process.execPath,
    args: [...profileArgs, unitPath(options.root, "api")],
    cwd: join(options.root, "apps/api"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: options.databaseUrl,
      API_DATABASE_URL: options.apiDatabaseUrl,
      BETTER_AUTH_SECRET: options.secret,
      API_PORT: String(port),
      HOST: "127.0.0.1",
      ...options.apiEnv,
    },
    output: options.output,
  });
}

/**
 * `npm start` itself with its defaults, on the bench's database (DATABASE_URL and
 * API_DATABASE_URL, as on a database of your own): the start script, web and the api with its
 * default log level. Its output goes to a file, as `npm start > ownlist.log` would: not a
 * terminal, so the api writes JSON. Builds web first if its build is missing or stale.
 */
async function startThroughNpmStart(port: number, options: TargetOptions): Promise<Service> {
  const logFile = join(mkdtempSync(join(tmpdir(), "ownlist-bench-npm-start-")), "npm-start.log");
  const fd = openSync(logFile, "a");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    API_DATABASE_URL: options.apiDatabaseUrl,
    BETTER_AUTH_SECRET: options.secret,
    API_PORT: String(port),
    PORT: String(await findFreePort()),
    HOST: "127.0.0.1",
    ...options.apiEnv,
  };
  // Defaults, whatever the shell running the bench has set.
  delete env.LOG_LEVEL;
  delete env.NODE_ENV;
  // Its own process group, stopped as Ctrl-C in a terminal stops it: a signal to the whole group
  // (npm, the start script, api and web), then a wait until every one of them has gone.
  const child = spawn("npm", ["start"], {
    cwd: options.root,
    env,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  options.output(`[npm-start] output in ${logFile}`);
  const group = child.pid ?? 0;
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.on("error", () => resolve(null));
  });
  const groupAlive = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async (timeoutMs = 30_000) => {
    if (!group || !groupAlive()) return;
    process.kill(-group, "SIGINT");
    const deadline = Date.now() + timeoutMs;
    while (groupAlive() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (groupAlive()) process.kill(-group, "SIGKILL");
  };
  return { name: "npm-start", child, exited, stop };
}

function startFloor(
  name: TargetName,
  port: number,
  profileArgs: string[],
  options: TargetOptions,
): Service {
  return startService({
    name,
    command: process.execPath,
    args: [...profileArgs, "--import", "tsx", join(options.root, "tools/bench/floor/main.ts")],
    cwd: options.root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      FLOOR_MODE: name === "floor-http" ? "http" : "db",
      FLOOR_PORT: String(port),
      FLOOR_POOL: String(options.floorPoolSize),
      FLOOR_WORKERS: String(options.floorWorkers),
      FLOOR_MAX_IN_FLIGHT: String(options.floorMaxInFlight),
      ...(options.floorBacklog ? { FLOOR_BACKLOG: String(options.floorBacklog) } : {}),
      DATABASE_URL: options.databaseUrl,
      BETTER_AUTH_SECRET: options.secret,
    },
    output: options.output,
  });
}
