import { randomUUID } from "node:crypto";
import type { Database } from "@ownlist/db/client";
import { rateLimit } from "@ownlist/db/schema";
import { eq, sql } from "drizzle-orm";

/** Prefix of Ownlist's own keys in Better Auth's `rate_limit` table (its keys are address + path). */
const KEY_PREFIX = "ownlist:";

export interface WindowLimit {
  windowSeconds: number;
  max: number;
}

export interface CountVerdict {
  /** False once this request is past `max` in the current window. */
  allowed: boolean;
  /** Seconds until the current window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in Better Auth's `rate_limit` table, so that every web process shares
 * one count (no migration: the table and its unique `key` exist already). A window starts at the
 * first request after the previous one ended; `last_request` holds that start. Counting and
 * deciding is one atomic upsert, so a burst of concurrent requests cannot slip past `max`.
 */
export function createDatabaseRateLimit(db: Database, purpose: string, limit: WindowLimit) {
  const windowMs = limit.windowSeconds * 1000;
  const keyOf = (subject: string) => `${KEY_PREFIX}${purpose}:${subject}`;

  return {
    /** Counts one request by `subject` and says whether it is within the limit. */
    async count(subject: string, nowMs: number = Date.now()): Promise<CountVerdict> {
      const expired = sql`${rateLimit.lastRequest} <= ${nowMs - windowMs}`;
      const [row] = await db
        .insert(rateLimit)
        .values({ id: randomUUID(), key: keyOf(subject), count: 1, lastRequest: nowMs })
        .onConflictDoUpdate({
          target: rateLimit.key,
          set: {
            count: sql`case when ${expired} then 1 else ${rateLimit.count} + 1 end`,
            lastRequest: sql`case when ${expired} then ${nowMs} else ${rateLimit.lastRequest} end`,
          },
        })
        .returning({ count: rateLimit.count, windowStart: rateLimit.lastRequest });
      const count = row?.count ?? 1;
      const windowStart = row?.windowStart ?? nowMs;
      return {
        allowed: count <= limit.max,
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000)),
      };
    },
    /** Starts `subject`'s count again (a successful sign-in). */
    async reset(subject: string): Promise<void> {
      await db.delete(rateLimit).where(eq(rateLimit.key, keyOf(subject)));
    },
  };
}

export type DatabaseRateLimit = ReturnType<typeof createDatabaseRateLimit>;
