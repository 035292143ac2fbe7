import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { ConfigError, loadConfig } from "@ownlist/config";
import { createDb } from "@ownlist/db";
import { createApp } from "./app.ts";

const DRAIN_TIMEOUT_MS = 20_000;

/** Starts the api and drains it on SIGINT/SIGTERM. Everything else lives in app.ts. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError("DATABASE_URL", "is required to start the api (npm start provides it)");
  const db = createDb(config.databaseUrl);
  const app = await createApp({ config, db });

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    // app.close() stops accepting and resolves before requests still in flight have answered;
    // the server's own "close" waits for them. Bounded below the start script's 25 s SIGKILL.
    const drained = once(app.server, "close");
    await app.close();
    await Promise.race([drained, sleep(DRAIN_TIMEOUT_MS, undefined, { ref: false })]);
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void close("SIGINT"));
  process.on("SIGTERM", () => void close("SIGTERM"));

  await app.listen({ port: config.apiPort, host: config.host });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
