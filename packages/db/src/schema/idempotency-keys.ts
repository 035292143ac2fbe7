import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

/**
 * One answered write sent with an `Idempotency-Key` (docs/contract.md#idempotency-key): the key,
 * a fingerprint of the request and the response to replay. Written in the same transaction as
 * the change it answers, so a key is stored if and only if its change is. Keys belong to one user
 * (the primary key leads with user_id; row-level security as on tasks, migration 0003).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 (hex) of the method, the path and the canonical body. */
    fingerprint: text("fingerprint").notNull(),
    status: integer("status").notNull(),
    body: jsonb("body"),
    location: text("location"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.key] }),
    check("idempotency_keys_key_length", sql`char_length(${table.key}) between 1 and 255`),
    // The purge finds a user's expired keys by age.
    index("idempotency_keys_user_created_idx").on(table.userId, table.createdAt),
  ],
);
