import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Database = PostgresJsDatabase<typeof schema>;

export interface DbHandle {
  db: Database;
  /** The underlying postgres.js client, for raw SQL and health checks. */
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** Pool size. Default 10. */
  max?: number;
}

/** A Drizzle database on its own pool. Configuration comes in as arguments: no globals. */
export function createDb(url: string, options: CreateDbOptions = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
    // Fail fast when the database is away instead of queueing requests behind a dead socket.
    connect_timeout: 5,
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
