import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Database = PostgresJsDatabase<typeof schema>;

/** A postgres.js pool: all the api needs (its repository writes SQL, not Drizzle queries). */
export interface PoolHandle {
  /** The postgres.js client, for SQL and health checks. */
  sql: postgres.Sql;
  close(): Promise<void>;
}

/** The pool with Drizzle on top, for Better Auth's adapter on web. */
export interface DbHandle extends PoolHandle {
  db: Database;
}

export interface CreateDbOptions {
  /** Pool size. Default 10. */
  max?: number;
  /**
   * PostgreSQL's `statement_timeout` for every connection of the pool, in ms: a statement running
   * longer is cancelled by the server (SQLSTATE 57014). Default: the server's (none).
   */
  statementTimeoutMs?: number;
  /**
   * `idle_in_transaction_session_timeout`, in ms: a connection left idle inside a transaction is
   * closed by the server (SQLSTATE 25P03), releasing its locks. Default: the server's (none).
   */
  idleInTransactionTimeoutMs?: number;
}

/**
 * Seconds a new connection may take to be ready (TCP, TLS, authentication). Short, so that while
 * the database is unreachable a request fails within a couple of seconds instead of waiting
 * behind a connection attempt; a database that needs longer to accept one is unwell anyway.
 */
export const CONNECT_TIMEOUT_SECONDS = 2;

/** A postgres.js pool of its own. Configuration comes in as arguments: no globals. */
export function createPool(url: string, options: CreateDbOptions = {}): PoolHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
    // Fail fast when the database is away (docs/contract.md#database): a connection attempt that
    // has not finished its handshake by then fails, and so do the requests waiting on it.
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    // Startup parameters: in force from the first statement of every connection, reconnects
    // included, with no extra round trip.
    connection: {
      ...(options.statementTimeoutMs === undefined
        ? {}
        : { statement_timeout: options.statementTimeoutMs }),
      ...(options.idleInTransactionTimeoutMs === undefined
        ? {}
        : { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs }),
    },
  });
  return { sql, close: () => sql.end({ timeout: 5 }) };
}

/** A Drizzle database on a pool of its own (createPool's). */
export function createDb(url: string, options: CreateDbOptions = {}): DbHandle {
  const pool = createPool(url, options);
  return { ...pool, db: drizzle(pool.sql, { schema }) };
}
