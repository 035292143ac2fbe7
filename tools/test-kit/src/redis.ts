import {
  type RedisServer,
  redisInstalled,
  removeRedisDirectory,
  startRedisServer,
} from "@ownlist/scripts/redis";
import { afterAll, beforeAll } from "vitest";

/** A real redis-server for one test file, which a test may stop, start, hang and wake. */
export interface TestRedis {
  /** Set before the file's tests: `redis://127.0.0.1:<port>`, the same across restarts. */
  url: string;
  /** Stops the server (its port stays reserved for `start`): the store is unreachable. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** SIGSTOP: the server keeps its connections but answers nothing (a hung store). */
  hang(): void;
  /** SIGCONT after `hang`. */
  wake(): void;
}

/** Whether a Redis test can run here: Debian's redis-server is installed, or this is CI. */
export const redisTestsRun = redisInstalled() || process.env.CI !== undefined;

/**
 * Starts Debian's redis-server on a free port before the file's tests and stops it (and deletes
 * its directory) after them. Call at the top level of a test file; read `url` inside hooks and
 * tests. On CI a missing redis-server fails the file (`.ci/run` installs it).
 */
export function useRedis(): TestRedis {
  let server: RedisServer | undefined;
  const handle: TestRedis = {
    url: "",
    async stop() {
      await server?.stop();
    },
    async start() {
      if (!server) throw new Error("useRedis: the server was never started");
      server = await startRedisServer({ port: server.port, dir: server.dir });
    },
    hang() {
      server?.process.kill("SIGSTOP");
    },
    wake() {
      server?.process.kill("SIGCONT");
    },
  };
  beforeAll(async () => {
    server = await startRedisServer();
    handle.url = server.url;
  });
  afterAll(async () => {
    if (!server) return;
    handle.wake();
    await server.stop();
    removeRedisDirectory(server);
  });
  return handle;
}
