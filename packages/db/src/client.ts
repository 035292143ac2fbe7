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

/** A postgres.js pool of its own. Configuration comes in as arguments: no globals. */
export function createPool(url: string, options: CreateDbOptions = {}): PoolHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
    // Fail fast when the database is away instead of queueing requests behind a dead socket.
    connect_timeout: 5,
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
