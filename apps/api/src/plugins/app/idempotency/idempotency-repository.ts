import { pipelineAsOwner, transactionAsOwner } from "@ownlist/db";
import type postgres from "postgres";
import { idempotencyKeyInUse, idempotencyKeyReused } from "../problems/problem-error.ts";
import type { Guard, OwnerScope, StatementOptions } from "../tasks/tasks-repository.ts";

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

/** What a pipelined keyed write answers when it succeeds, stored by its own statement. */
export interface KeyedAnswer {
  /** The status a success answers; 204 stores no body. */
  status: number;
  /** A success answers `Location: <prefix><the row's id>`; null for none. */
  locationPrefix: string | null;
  /**
   * One row (its columns are the body), or a bulk write's `{count, ids}` of every row it changed
   * (docs/contract.md#bulk-writes).
   */
  shape: "row" | "bulk";
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
  /**
   * The same guarantees as `run`, in one round trip (docs/decisions/031-idempotency-keys.md): the
   * lock, the lookup, the decision, `work`'s one statement (guarded by the decision) with its
   * answer (`answer`) stored by that same statement, and `commit`, all sent at once through the
   * scope `work` is given. `work` turns the statement's rows into the response, exactly as the
   * unkeyed write does. A single write that returns no row stores nothing (its key is free to be
   * retried); a bulk write that changed nothing stores its empty answer only while the owner's
   * account exists, so that a deleted account's 401 is never stored. A second statement through
   * the scope is refused: reads the route needs after (`ownerExists`) go to the pool.
   */
  runPipelined(
    write: KeyedWrite,
    answer: KeyedAnswer,
    work: (scope: OwnerScope) => Promise<StoredResponse>,
    signal?: AbortSignal,
  ): Promise<KeyedOutcome>;
}

/** How many of one owner's expired keys a keyed write deletes at most. */
const PURGE_BATCH = 100;
const UNIQUE_VIOLATION = "23505";

/** A stored answer met by the lookup: `work`'s statement changed nothing; answer this instead. */
class Replay extends Error {
  constructor(readonly response: StoredResponse) {
    super("replayed");
  }
}

export function createIdempotencyRepository(
  sql: postgres.Sql,
  ttlHours: number,
): IdempotencyRepository {
  const cutoff = sql`now() - make_interval(hours => ${ttlHours})`;

  /**
   * The lock: one request per (owner, key) at a time, never waiting — a second one is told to
   * come back (409). A key has no space, so owner and key joined by one cannot be confused with
   * another pair; seed 1 keeps these locks apart from create's (seed 0).
   */
  const lockKey = (ownerId: string, key: string) =>
    sql`pg_try_advisory_xact_lock(hashtextextended(${ownerId} || ' ' || ${key}, 1))`;

  /**
   * The lookup, in a snapshot taken after the lock: it sees a first request's answer once that
   * has committed. The purge (docs/decisions/031-idempotency-keys.md): this key's expired answer,
   * so that the insert after does not meet it, and a bounded batch of the owner's other expired
   * keys by whichever of the owner's keyed writes gets the purge's own lock first (seed 2, never
   * waited for), so that concurrent writes do not queue on the same rows.
   */
  const lookUp = (tx: postgres.Sql, ownerId: string, key: string) =>
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
      where user_id = ${ownerId} and key = ${key} and created_at >= ${cutoff}`;

  /** The lookup's verdict: the stored answer to replay, or null to run; 422 for another request. */
  function storedFor(
    found: readonly (StoredResponse & { fingerprint: string })[],
    fingerprint: string,
  ): StoredResponse | null {
    const stored = found[0];
    if (stored === undefined) return null;
    if (stored.fingerprint !== fingerprint) throw idempotencyKeyReused();
    const { status, body, location } = stored;
    return { status, body, location };
  }

  // Set by the lock and the lookup, read by the write's guard: whether this request may run.
  // Transaction-local like the owner's settings.
  const go: Guard = sql`current_setting('app.idempotency', true) = 'go'`;

  /** The answer `answer` describes, built from the write's rows (`changed`) in SQL. */
  function storedBody({ status, shape }: KeyedAnswer): postgres.Fragment {
    if (status === 204) return sql`null::jsonb`;
    if (shape === "row") return sql`to_jsonb(changed)`;
    return sql`jsonb_build_object(
      'count', count(*), 'ids', coalesce(jsonb_agg(changed.id), '[]'::jsonb))`;
  }

  /** A scope that sends one keyed write as one pipeline; `used` refuses a second statement. */
  function keyedScope(write: KeyedWrite, answer: KeyedAnswer, signal?: AbortSignal): OwnerScope {
    const { ownerId, key, fingerprint } = write;
    const { status, locationPrefix, shape } = answer;
    let used = false;
    return {
      async query<Rows extends readonly postgres.Row[]>(
        scopeOwner: string,
        statement: (tx: postgres.Sql, guard: Guard) => postgres.PendingQuery<Rows>,
        options: StatementOptions = {},
      ): Promise<postgres.RowList<Rows>> {
        // One statement's answer is stored per key: a second would need a second answer.
        if (used || scopeOwner !== ownerId) throw new Error("a keyed write runs one statement");
        used = true;
        const location =
          locationPrefix === null || shape === "bulk"
            ? sql`null`
            : sql`${locationPrefix}::text || changed.id::text`;
        // A single write stores one answer per row it returned (none: nothing stored); a bulk
        // write one aggregate, kept for zero rows only while the account exists (its 401 is
        // not an answer to store, and the key's foreign key would refuse it).
        const source =
          shape === "row"
            ? sql`from changed where ${go}`
            : sql`from changed having ${go} and (count(*) > 0 or ownlist_owner_exists())`;
        const results = await pipelineAsOwner(
          sql,
          ownerId,
          (tx) => [
            tx`
              select set_config('app.idempotency',
                case when ${lockKey(ownerId, key)} then 'locked' else 'busy' end, true) as state`,
            lookUp(tx, ownerId, key),
            // The decision the write's guard reads. Its snapshot is later than the lookup's, but
            // while this request holds the lock no other can store an answer for the key.
            tx`
              select set_config('app.idempotency', case
                when current_setting('app.idempotency') = 'locked' and not exists (
                  select 1 from idempotency_keys
                  where user_id = ${ownerId} and key = ${key} and created_at >= ${cutoff})
                then 'go' else 'stop' end, true)`,
            ...(options.before?.(tx, go) ?? []),
            tx`
              with changed as (${statement(tx, go)}), stored as (
                insert into idempotency_keys (user_id, key, fingerprint, status, body, location)
                select ${ownerId}, ${key}, ${fingerprint}, ${status},
                       ${storedBody(answer)}, ${location}
                ${source}
              )
              select * from changed`,
          ],
          { signal: options.signal ?? signal },
        );
        const [[lock], found] = results as [
          { state: string }[],
          (StoredResponse & { fingerprint: string })[],
        ];
        if (lock?.state !== "locked") throw idempotencyKeyInUse();
        const stored = storedFor(found, fingerprint);
        if (stored !== null) throw new Replay(stored);
        return results.at(-1) as postgres.RowList<Rows>;
      },
    };
  }

  return {
    async runPipelined(write, answer, work, signal) {
      try {
        const response = await work(keyedScope(write, answer, signal));
        return { replayed: false, response };
      } catch (error) {
        if (error instanceof Replay) return { replayed: true, response: error.response };
        // As in `run`: should two requests with the key ever meet at the insert.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw idempotencyKeyInUse();
        throw error;
      }
    },

    async run({ ownerId, key, fingerprint }, work, signal) {
      try {
        return await transactionAsOwner(
          sql,
          ownerId,
          async (tx): Promise<KeyedOutcome> => {
            // Sent together (one round trip): the lock and the lookup.
            const [[lock], found] = await Promise.all([
              tx<{ acquired: boolean }[]>`select ${lockKey(ownerId, key)} as acquired`,
              lookUp(tx as unknown as postgres.Sql, ownerId, key),
            ]);
            if (!lock?.acquired) throw idempotencyKeyInUse();
            const stored = storedFor(found, fingerprint);
            if (stored !== null) return { replayed: true, response: stored };
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
