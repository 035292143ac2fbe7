import { type ApiConfig, ConfigError } from "@ownlist/config";
import { type CreateDbOptions, createPool, type PoolHandle } from "@ownlist/db";

/**
 * The api's pool: its own login, API_DATABASE_URL (a role that can reach `tasks` only by acting
 * as `ownlist_api`; docs/decisions/024-api-database-login-least-privilege.md), else DATABASE_URL;
 * and PostgreSQL's time limits on every connection, so that no request can hold a connection
 * (and the CPU behind it) for longer than API_DATABASE_STATEMENT_TIMEOUT_MS.
 */
export function createApiDb(config: ApiConfig, options: CreateDbOptions = {}): PoolHandle {
  const url = config.apiDatabaseUrl ?? config.databaseUrl;
  if (!url) {
    throw new ConfigError("API_DATABASE_URL", "or DATABASE_URL is required to start the api");
  }
  return createPool(url, {
    ...config.databaseTimeouts,
    ...options,
  });
}

/** Said once at start when the api falls back to DATABASE_URL's (owner's) login. */
export const OWNER_LOGIN_WARNING =
  "API_DATABASE_URL is unset: the api logs in with DATABASE_URL's role, which can read Better Auth's tables (password hashes, sessions). Give it a login of its own (README: Least privilege).";
