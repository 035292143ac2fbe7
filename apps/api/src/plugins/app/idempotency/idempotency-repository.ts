import { transactionAsOwner } from "@ownlist/db";
import type postgres from "postgres";
import { idempotencyKeyInUse, idempotencyKeyReused } from "../problems/problem-error.ts";

/** What a keyed write answered, kept to be answered again (docs/contract.md#idempotency-key). */
export interface StoredResponse {
  status: number;
  /** The JSON body; null for 204. */
  body: unknown;
  location: string | null;
}

export interface KeyedWrite {
  ownerId: string;
  key: string;
  /** Of the method, the route, its parameters and the canonical body (`fingerprintOf`). */
  fingerprint: string;
}

export interface KeyedOutcome {
  /** True when `response` is the stored answer of an earlier request with this key. */
  replayed: boolean;
  response: StoredResponse;
}

export interface IdempotencyRepository {
  /**
   * Runs `work` (the write) in one transaction as the owner, unless the key already answered the
   * same request within the TTL: then nothing runs and the stored answer comes back. The answer
   * of a `work` that succeeds is stored in the same transaction, so a key is stored exactly when
   * its change is; a `work` that throws stores nothing (its key is free to be retried).
   * Throws 409 while another request with the key is running, 422 when the key answered another
   * request. `signal` is the request's deadline (docs/contract.md#request-deadline): past it
   * nothing more is sent, the statement under way is cancelled and the transaction rolls back,
   * so neither the change nor its key is stored behind a 503.
   */
  run(
    write: KeyedWrite,
    work: (tx: postgres.TransactionSql) => Promise<StoredResponse>,
    signal?: AbortSignal,
  ): Promise<KeyedOutcome>;
}

/** How many of one owner's expired keys a keyed write deletes at most. */
const PURGE_BATCH = 100;
const UNIQUE_VIOLATION = "23505";

export function createIdempotencyRepository(
  sql: postgres.Sql,
  ttlHours: number,
): IdempotencyRepository {
  return {
    async run({ ownerId, key, fingerprint }, work, signal) {
      try {
        return await transactionAsOwner(
          sql,
          ownerId,
          async (tx): Promise<KeyedOutcome> => {
            const cutoff = sql`now() - make_interval(hours => ${ttlHours})`;
            // Sent together (one round trip). The lock: one request per (owner, key) at a time,
            // never waiting — a second one is told to come back (409). A key has no space, so
            // owner and key joined by one cannot be confused with another pair; seed 1 keeps these
            // locks apart from create's (seed 0). The lookup, in a snapshot taken after the lock,
            // sees a first request's answer once it has committed.
            // The purge (docs/decisions/031-idempotency-keys.md): this key's expired answer, so
            // that the insert below does not meet it, and a bounded batch of the owner's other
            // expired keys by whichever of the owner's keyed writes gets the purge's own lock
            // first (seed 2, never waited for), so that concurrent writes do not queue on the same
            // rows.
            const [[lock], found] = await Promise.all([
              tx<{ acquired: boolean }[]>`
              select pg_try_advisory_xact_lock(
                hashtextextended(${ownerId} || ' ' || ${key}, 1)) as acquired`,
              tx<(StoredResponse & { fingerprint: string })[]>`
              with turn as (
                select pg_try_advisory_xact_lock(hashtextextended(${ownerId}, 2)) as ours
              ), purged as (
                delete from idempotency_keys
                where user_id = ${ownerId} and created_at < ${cutoff}
                  and (key = ${key} or ((select ours from turn) and ctid = any(array(
                    select ctid from idempotency_keys
                    where user_id = ${ownerId} and created_at < ${cutoff}
                    limit ${PURGE_BATCH}))))
              )
              select fingerprint, status, body, location from idempotency_keys
              where user_id = ${ownerId} and key = ${key} and created_at >= ${cutoff}`,
            ]);
            if (!lock?.acquired) throw idempotencyKeyInUse();
            const stored = found[0];
            if (stored !== undefined) {
              if (stored.fingerprint !== fingerprint) throw idempotencyKeyReused();
              const { status, body, location } = stored;
              return { replayed: true, response: { status, body, location } };
            }
            const response = await work(tx);
            await tx`
            insert into idempotency_keys (user_id, key, fingerprint, status, body, location)
            values (${ownerId}, ${key}, ${fingerprint}, ${response.status},
                    ${response.body === null ? null : JSON.stringify(response.body)}::jsonb,
                    ${response.location})`;
            return { replayed: false, response };
          },
          { signal },
        );
      } catch (error) {
        // Defensive: the lock lets one request per key reach the insert at a time, and the next
        // one's lookup sees the first's answer. Should two ever meet here, the second is told
        // what a concurrent duplicate is told.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw idempotencyKeyInUse();
        throw error;
      }
    },
  };
}
