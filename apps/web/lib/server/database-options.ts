import type { CreateDbOptions } from "@ownlist/db/client";

/**
 * Web's pool: small, and with server-side time limits so that a sign-in never waits on the
 * database without bound (docs/contract.md#web-while-the-database-is-away).
 */
export const WEB_DATABASE_POOL_OPTIONS: CreateDbOptions = {
  max: 10,
  // Better Auth's statements are single-row lookups and inserts; anything slower is trouble.
  statementTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 10_000,
};
