import cluster from "node:cluster";
import { ConfigError, loadConfig } from "@ownlist/config";
import { createPool, isPostgresWriteAfterCloseRace } from "@ownlist/db";
import { createApp } from "./app.ts";

/**
 * Starts the api and drains it on SIGINT/SIGTERM. Everything else lives in app.ts. With
 * API_WORKERS > 1 the primary forks that many `node:cluster` workers sharing the port (default 1:
 * on a 2-core machine shared with PostgreSQL it did not help, see docs/benchmarks/README.md).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError("DATABASE_URL", "is required to start the api (npm start provides it)");
  if (config.apiWorkers > 1 && cluster.isPrimary) return superviseWorkers(config.apiWorkers);

  const db = createPool(config.databaseUrl);
  const app = await createApp({ config, db });

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await db.close();
    process.exit(0);
  };
  // The database going away must not take the api down (docs/contract.md#database): one known
  // postgres.js race throws after a dropped connection (see @ownlist/db's driver-races.ts).
  process.on("uncaughtException", (error) => {
    if (isPostgresWriteAfterCloseRace(error)) {
      app.log.warn("postgres.js wrote to a connection already closed by the database (ignored)");
      return;
    }
    app.log.fatal({ err: error }, "uncaught exception");
    process.exit(1);
  });
  process.on("SIGINT", () => void close("SIGINT"));
  process.on("SIGTERM", () => void close("SIGTERM"));

  // A deep accept queue, so a burst of connections waits there rather than in SYN retries (1, 3,
  // 7 s); only useful with the overload queue keeping event-loop turns short.
  await app.listen({ port: config.apiPort, host: config.host, backlog: config.apiListenBacklog });
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
