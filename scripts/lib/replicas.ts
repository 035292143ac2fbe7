import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { StartConfig } from "@ownlist/config";
import {
  type EmbeddedPostgres,
  enableApiLogin,
  findFreePort,
  migrateDatabase,
  startEmbeddedPostgres,
} from "@ownlist/db";
import { nginxDirectory, NGINX_BINARY, nginxInstalled, prepareNginx } from "./nginx.ts";
import {
  type RedisServer,
  REDIS_MISSING,
  redisInstalled,
  removeRedisDirectory,
  startRedisServer,
} from "./redis.ts";
import { type Service, startService, waitForUrl } from "./service.ts";
import { ensureUnits, unitPath } from "./units.ts";
import { ensureWebBuild } from "./web-build.ts";

export const NGINX_MISSING =
  "nginx is not installed: run `apt-get install -y nginx` (Debian's package), then try again";

export interface ReplicasOptions {
  root: string;
  config: StartConfig;
  /** The environment handed to every replica (the caller's, with anything it overrides). */
  env: NodeJS.ProcessEnv;
  apiCount: number;
  webCount: number;
  /** Data directory of the embedded PostgreSQL, used when config.databaseUrl is unset. */
  dataDir: string;
  ephemeralData?: boolean;
  output: (line: string) => void;
}

export type ReplicaKind = "api" | "web";

/** One supervised process on a fixed port: restarted on that port whenever it exits. */
export interface Replica {
  name: string;
  kind: ReplicaKind;
  port: number;
  /** The process serving now; replaced by each restart. */
  service: Service;
  /** How many times it has become ready (1 once started; +1 per restart). */
  readyCount: number;
  /** Resolves once the replica has become ready more than `count` times. */
  readyAfter(count: number): Promise<void>;
}

export interface Replicas {
  apiUrl: string;
  webUrl: string;
  databaseUrl: string;
  api: Replica[];
  web: Replica[];
  nginx: ChildProcess;
  /** The rate limits' Redis the api replicas share: REDIS_URL, or the one started here. */
  redisUrl: string;
  /** The redis-server started here; undefined when REDIS_URL named one. */
  redis: RedisServer | undefined;
  /** Stops nginx (letting it finish what it holds), the replicas (draining), then the database. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
/** A replica that keeps dying is restarted no faster than this, so a crash loop cannot spin. */
const MAX_RESTART_DELAY_MS = 10_000;
/** Bounds that keep a whole stop under 30 s: nginx, then the replicas, then PostgreSQL. */
const NGINX_STOP_MS = 8_000;
const REPLICA_STOP_MS = 15_000;

/**
 * `npm run replicas` (docs/operations.md#replicas): PostgreSQL, migrations once, N api and M web
 * production units on free ports, each supervised, and nginx in front on the usual ports. The api
 * replicas count their rate limits in one Redis (decision 041): REDIS_URL's, or Debian's
 * redis-server started here on a free port.
 */
export async function startReplicas(options: ReplicasOptions): Promise<Replicas> {
  if (!nginxInstalled()) throw new Error(NGINX_MISSING);
  const givenRedisUrl = options.env.REDIS_URL || undefined;
  if (!givenRedisUrl && !redisInstalled()) throw new Error(REDIS_MISSING);
  const { root, config, output } = options;
  const embedded: EmbeddedPostgres | undefined = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: options.dataDir, ephemeral: options.ephemeralData });
  const databaseUrl = config.databaseUrl ?? (embedded as EmbeddedPostgres).url;
  let nginxDir: string | undefined;
  const all: Replica[] = [];
  let nginx: ChildProcess | undefined;
  let redis: RedisServer | undefined;
  let stopping = false;

  const stop = async () => {
    stopping = true;
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const exited = new Promise((resolve) => nginx?.once("exit", resolve));
      nginx.kill("SIGQUIT"); // graceful: answers what it holds, then exits
      const timer = setTimeout(() => nginx?.kill("SIGKILL"), NGINX_STOP_MS);
      await exited;
      clearTimeout(timer);
    }
    await Promise.all(all.map((replica) => replica.service.stop(REPLICA_STOP_MS)));
    await Promise.all([embedded?.stop(), redis?.stop()]);
    if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
    if (redis) removeRedisDirectory(redis);
  };

  try {
    output(
      embedded
        ? `database: embedded PostgreSQL on port ${embedded.port}`
        : "database: DATABASE_URL",
    );
    await migrateDatabase(databaseUrl);
    if (!givenRedisUrl) redis = await startRedisServer();
    const redisUrl = givenRedisUrl ?? (redis as RedisServer).url;
    output(redis ? `rate limits: redis-server on port ${redis.port}` : "rate limits: REDIS_URL");
    const apiDatabaseUrl =
      config.apiDatabaseUrl ??
      (embedded ? await enableApiLogin(databaseUrl, embedded.apiLoginPassword) : undefined);
    await ensureUnits(root, output);
    await ensureWebBuild(root, output);

    const env: NodeJS.ProcessEnv = {
      ...options.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: config.betterAuthSecret,
      HOST: "127.0.0.1",
      // Only nginx, on this machine, talks to the replicas; the client address is its to say.
      TRUSTED_PROXIES: "127.0.0.1",
      API_WORKERS: "1",
    };
    delete env.API_DATABASE_URL;
    // The api's limits hold across its replicas only when they count in one place.
    const apiEnv: NodeJS.ProcessEnv = {
      ...env,
      API_RATE_LIMIT_STORE: "redis",
      REDIS_URL: redisUrl,
    };
    if (apiDatabaseUrl) {
      apiEnv.API_DATABASE_URL = apiDatabaseUrl;
      delete apiEnv.DATABASE_URL;
    }

    const supervise = (kind: ReplicaKind, index: number, port: number) => {
      const name = `${kind}${index + 1}`;
      const unitEnv: NodeJS.ProcessEnv =
        kind === "api" ? { ...apiEnv, API_PORT: String(port) } : { ...env, PORT: String(port) };
      const readyUrl = `http://127.0.0.1:${port}${kind === "api" ? "/ready" : "/"}`;
      const waiters: { count: number; resolve: () => void }[] = [];
      const launch = () =>
        startService({
          name,
          command: process.execPath,
          args: ["--require", join(root, "scripts/lib/exit-with-parent.cjs"), unitPath(root, kind)],
          cwd: join(root, kind === "api" ? "apps/api" : "apps/web"),
          env: unitEnv,
          output,
        });
      const replica: Replica = {
        name,
        kind,
        port,
        service: launch(),
        readyCount: 0,
        readyAfter: (count) =>
          replica.readyCount > count
            ? Promise.resolve()
            : new Promise((resolve) => waiters.push({ count, resolve })),
      };
      const becameReady = () => {
        replica.readyCount += 1;
        for (const waiter of waiters.splice(0)) {
          if (replica.readyCount > waiter.count) waiter.resolve();
          else waiters.push(waiter);
        }
      };
      let delay = 500;
      const watch = (service: Service) => {
        void service.exited.then(async (code) => {
          if (stopping) return;
          output(`[${name}] exited (${code ?? service.child.signalCode}); restarting on ${port}`);
          await new Promise((resolve) => setTimeout(resolve, delay));
          if (stopping) return;
          const started = Date.now();
          const next = launch();
          replica.service = next;
          watch(next);
          try {
            await waitForUrl(readyUrl, READY_TIMEOUT_MS, next);
            output(`[${name}] ready again on ${port}`);
            becameReady();
            // Stayed up long enough to count as healthy: the next restart is quick again.
            delay = Date.now() - started > 5_000 ? 500 : Math.min(delay * 2, MAX_RESTART_DELAY_MS);
          } catch (error) {
            if (stopping) return;
            output(`[${name}] ${(error as Error).message}`);
            delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
          }
        });
      };
      all.push(replica);
      // Supervised once it has been ready: a replica that cannot start the first time (a bad
      // setting, a port taken) stops the whole command instead of looping.
      const first = waitForUrl(readyUrl, READY_TIMEOUT_MS, replica.service).then(() => {
        becameReady();
        watch(replica.service);
      });
      return { replica, first };
    };

    const ports = async (count: number) => {
      const list: number[] = [];
      for (let i = 0; i < count; i += 1) list.push(await findFreePort());
      return list;
    };
    const apiPorts = await ports(options.apiCount);
    const webPorts = await ports(options.webCount);
    const apiStarts = apiPorts.map((port, index) => supervise("api", index, port));
    const webStarts = webPorts.map((port, index) => supervise("web", index, port));
    await Promise.all([...apiStarts, ...webStarts].map((start) => start.first));
    const api = apiStarts.map((start) => start.replica);
    const web = webStarts.map((start) => start.replica);

    nginxDir = nginxDirectory();
    const nginxArgs = prepareNginx({
      dir: nginxDir,
      api: { host: config.host, port: config.apiPort, upstreamPorts: apiPorts },
      web: { host: config.host, port: config.port, upstreamPorts: webPorts },
    });
    nginx = spawn(NGINX_BINARY, nginxArgs, { stdio: ["ignore", "inherit", "inherit"] });
    const local = (port: number) =>
      `http://${config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host}:${port}`;
    const apiUrl = local(config.apiPort);
    const webUrl = local(config.port);
    await waitForUrl(`${apiUrl}/ready`, 10_000);
    await waitForUrl(`${webUrl}/`, 10_000);
    return { apiUrl, webUrl, databaseUrl, api, web, nginx, redisUrl, redis, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
