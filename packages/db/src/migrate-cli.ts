/**
 * `npm run migrate`: applies the migrations to DATABASE_URL and exits 0, for a process manager or
 * an orchestrator's one-off job. Any number may run at once (migrateDatabase's advisory lock).
 */
import { ConfigError, loadMigrateConfig } from "@ownlist/config";
import { migrateDatabase } from "./migrate.ts";

try {
  const config = loadMigrateConfig();
  await migrateDatabase(config.databaseUrl);
  console.log("migrate: database is up to date");
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `migrate: ${(error as Error).message}`,
  );
  process.exit(1);
}
