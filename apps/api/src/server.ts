import { ConfigError, loadConfig } from "@ownlist/config";
import { createDb } from "@ownlist/db";
import { createApp } from "./app.ts";

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
    await app.close();
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
