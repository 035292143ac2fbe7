import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

/**
 * One file a person imported (docs/contract.md#import): the SHA-256 of its bytes, so that the
 * same file imported again within API_IDEMPOTENCY_TTL_HOURS is recognised and refused (409
 * `already-imported`) instead of adding every task a second time. Written in the same
 * transaction as the tasks it added. One user's rows only (row-level security, migration 0004).
 */
export const taskImports = pgTable(
  "task_imports",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** SHA-256 (hex) of the file's bytes, as uploaded. */
    fingerprint: text("fingerprint").notNull(),
    /** How many tasks the import added. */
    taskCount: integer("task_count").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.fingerprint] }),
    check("task_imports_fingerprint_length", sql`char_length(${table.fingerprint}) = 64`),
  ],
);
