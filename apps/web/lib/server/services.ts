import "server-only";
import { ConfigError } from "@ownlist/config";
// Not "@ownlist/db": its index also exports the migrator and the embedded server, which a
// bundle must not pull in.
import { createDb, type DbHandle } from "@ownlist/db/client";
import type { TokenSettings } from "@ownlist/token";
import { type Auth, createAuth } from "../auth/create-auth.ts";
import { getConfig } from "./config.ts";
import { WEB_DATABASE_POOL_OPTIONS } from "./database-options.ts";
import { createDatabaseRateLimit, type DatabaseRateLimit } from "./database-rate-limit.ts";

/**
 * Web's process-wide singletons, each created on first use — never at import time, so that
 * `next build` needs neither a database nor a secret.
 */
let db: DbHandle | undefined;
let auth: Auth | undefined;
let tokenRateLimit: DatabaseRateLimit | undefined;

export function getDb(): DbHandle {
  if (!db) {
    const { databaseUrl } = getConfig();
    if (!databaseUrl) {
      throw new ConfigError("DATABASE_URL", "is required to start web (npm start provides it)");
    }
    db = createDb(databaseUrl, WEB_DATABASE_POOL_OPTIONS);
  }
  return db;
}

export function getAuth(): Auth {
  auth ??= createAuth({ config: getConfig(), db: getDb().db });
  return auth;
}

export function getTokenSettings(): TokenSettings {
  return getConfig().token;
}

/** `GET /api/token`'s per-user limit, counted in the database (shared by every web process). */
export function getTokenRateLimit(): DatabaseRateLimit {
  tokenRateLimit ??= createDatabaseRateLimit(getDb().db, "token", getConfig().tokenRateLimit);
  return tokenRateLimit;
}
