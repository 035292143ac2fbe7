import cluster from "node:cluster";
import { ConfigError, loadApiConfig } from "@ownlist/config";
import { createApp } from "./app.ts";
import { createApiDb, OWNER_LOGIN_WARNING } from "./database.ts";

/**
 * Starts the api and drains it on SIGINT/SIGTERM. Everything else lives in app.ts. With
 * API_WORKERS > 1 the primary forks that many `node:cluster` workers sharing the port (default 1:
 * on a 2-core machine shared with PostgreSQL it did not help, see docs/benchmarks/README.md).
 */
async function main(): Promise<void> {
  const config = loadApiConfig();
  // The api needs only its own login; it is not given the owner's (DATABASE_URL) when it has one.
  if (!config.apiDatabaseUrl && !config.databaseUrl)
    throw new ConfigError(
      "API_DATABASE_URL",
      "or DATABASE_URL is required to start the api (npm start provides them)",
    );
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(config.workers);

  const db = createApiDb(config);
  const app = await createApp({ config, db });
  if (!config.apiDatabaseUrl) app.log.warn(OWNER_LOGIN_WARNING);

  // docs/contract.md#shutdown: stop accepting, answer every request already received (bodies
  // still arriving included), and only then close the pool, which no request needs any more.
  // Bounded by API_SHUTDOWN_TIMEOUT_SECONDS; past it, what is still in flight is cut (exit 1).
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    const timeoutSeconds = config.shutdownTimeoutSeconds;
    app.log.info({ signal, timeoutSeconds }, "shutting down");
    setTimeout(() => {
      app.log.error({ timeoutSeconds }, "shutdown timed out: cutting the requests in flight");
      process.exit(1);
    }, timeoutSeconds * 1000).unref();
    try {
      // Resolves once the server has closed, which it does when its last connection has.
      await app.close();
      await db.close();
    } catch (error) {
      app.log.fatal({ err: error }, "shutdown failed");
      process.exit(1);
    }
    app.log.info("shut down");
    process.exit(0);
  };
  // Logged as JSON like everything else, then fatal. The database going away does not end up
  // here (docs/contract.md#database): postgres.js is patched for the one way it did
  // (patches/postgres+3.4.9.patch, decision 025).
  process.on("uncaughtException", (error) => {
    app.log.fatal({ err: error }, "uncaught exception");
    process.exit(1);
  });
  process.on("SIGINT", () => void close("SIGINT"));
  process.on("SIGTERM", () => void close("SIGTERM"));

  // A deep accept queue, so a burst of connections waits there rather than in SYN retries (1, 3,
  // 7 s); only useful with the admission queue keeping event-loop turns short.
  await app.listen({ port: config.apiPort, host: config.host, backlog: config.listenBacklog });
}

/** The primary only forks, passes signals on, and exits once every worker has. */
function superviseWorkers(count: number): void {
  for (let i = 0; i < count; i++) cluster.fork();
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  cluster.on("exit", (worker, code) => {
    // A worker that dies on its own takes the api down with it: a supervisor restarts the whole.
    if (!stopping) {
      console.error(`api worker ${worker.process.pid} exited (${code}); stopping`);
      stop("SIGTERM");
      process.exitCode = 1;
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
