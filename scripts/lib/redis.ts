import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "@ownlist/db";

/** Debian's redis-server (package `redis-server`); where the package puts it, not a setting. */
export const REDIS_BINARY = "/usr/bin/redis-server";

export const REDIS_MISSING =
  "redis-server is not installed: run `apt-get install -y redis-server` (Debian's package), then try again";

export function redisInstalled(): boolean {
  return existsSync(REDIS_BINARY);
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`: what REDIS_URL is set to. */
  url: string;
  port: number;
  /** The directory it runs in (its working directory; nothing is saved there). */
  dir: string;
  process: ChildProcess;
  /** Stops it (SIGTERM, then SIGKILL after a bound); the directory stays for a restart. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Default: a free port on 127.0.0.1. A restart passes the port it had. */
  port?: number;
  /** Default: a fresh directory under the system's temporary directory. */
  dir?: string;
  output?: (line: string) => void;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Runs Debian's redis-server as a child on 127.0.0.1 (`npm run replicas`' shared rate-limit
 * store, decision 041, and the tests'): no persistence (the counts are worth nothing after a
 * restart: a window starts again), no daemon, resolved once it answers PING.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (!redisInstalled()) throw new Error(REDIS_MISSING);
  const port = options.port ?? (await findFreePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "ownlist-redis-"));
  chmodSync(dir, 0o700);
  const child = spawn(
    REDIS_BINARY,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "no",
      "--loglevel",
      "warning",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      for (const line of chunk.split("\n").filter(Boolean)) {
        lines.push(line);
        options.output?.(`[redis] ${line}`);
      }
    });
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.once("exit", () => resolve());
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not start on port ${port}: ${lines.slice(-5).join(" | ")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `redis://127.0.0.1:${port}`, port, dir, process: child, stop };
}

/** Deletes a server's directory once it has stopped for good. */
export function removeRedisDirectory(server: RedisServer): void {
  rmSync(server.dir, { recursive: true, force: true });
}

/** True when something on the port answers Redis's PING with PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}
