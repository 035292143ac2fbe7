import { PRIORITIES, TASK_LIMITS } from "@ownlist/contract/limits";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

/** Declared low → medium → high so that ORDER BY priority ascends in that order. */
export const taskPriority = pgEnum("task_priority", PRIORITIES);

/**
 * One person's task. Every index leads with user_id: every query is keyed by the owner first,
 * which is also what lets the table be sharded by user (docs/contract.md#scale). The CHECKs
 * enforce @ownlist/contract's task limits (docs/contract.md#task) as literals (sql.raw: a
 * constraint takes no parameters): no code path can store a row the api refuses.
 */
const limit = (name: keyof typeof TASK_LIMITS) => sql.raw(String(TASK_LIMITS[name]));

export const tasks = pgTable(
  "tasks",
  {
    // Random (v4) UUIDs: not guessable, never sequential.
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    completed: boolean("completed").notNull().default(false),
    priority: taskPriority("priority").notNull().default("medium"),
    dueDate: date("due_date", { mode: "string" }),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    check(
      "tasks_title_length",
      sql`char_length(${table.title}) between 1 and ${limit("titleMaxLength")}`,
    ),
    check(
      "tasks_description_length",
      sql`${table.description} is null or char_length(${table.description}) <= ${limit("descriptionMaxLength")}`,
    ),
    check("tasks_tags_count", sql`cardinality(${table.tags}) <= ${limit("tagsMaxCount")}`),
    check(
      "tasks_completed_at_consistent",
      sql`(${table.completed} and ${table.completedAt} is not null) or (not ${table.completed} and ${table.completedAt} is null)`,
    ),
    index("tasks_user_created_idx").on(table.userId, table.createdAt, table.id),
    index("tasks_user_completed_created_idx").on(
      table.userId,
      table.completed,
      table.createdAt,
      table.id,
    ),
    index("tasks_user_updated_idx").on(table.userId, table.updatedAt, table.id),
    index("tasks_user_due_idx").on(table.userId, table.dueDate, table.createdAt, table.id),
    index("tasks_user_priority_idx").on(table.userId, table.priority, table.createdAt, table.id),
    index("tasks_user_title_idx").on(table.userId, table.title, table.createdAt, table.id),
  ],
);
