import { ConfigError, type Env, readDatabaseUrl } from "./variables.ts";

/** What `npm run migrate` reads: the owner's login, nothing else. */
export interface MigrateConfig {
  databaseUrl: string;
}

export function loadMigrateConfig(env: Env = process.env): MigrateConfig {
  const databaseUrl = readDatabaseUrl(env);
  if (!databaseUrl)
    throw new ConfigError("DATABASE_URL", "is required to migrate (the owner's login)");
  return { databaseUrl };
}
