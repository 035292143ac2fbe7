import { pipelineAsOwner, queryAsOwner, transactionAsOwner } from "@ownlist/db";
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
  /**
   * Resolves once every purge of expired keys under way has finished (they run beside the
   * requests, never in them): the app waits for it before its pool closes.
   */
  purges(): Promise<void>;
}

/** How many of one owner's expired keys a keyed write deletes at most. */
const PURGE_BATCH = 100;
const UNIQUE_VIOLATION = "23505";

/** The lookup's row: the key's stored answer (all null when it has none), and whether to purge. */
interface Found {
  fingerprint: string | null;
  status: number | null;
  body: unknown;
  location: string | null;
  stale: boolean;
}

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
   * has committed. It deletes this key's expired answer, so that the insert after does not meet
   * it, and says whether the owner has other expired keys (`stale`, one index probe); those are
   * purged beside the request (`purgeLater`), never in it (docs/decisions/031-idempotency-keys.md).
   * Always one row; the answer's columns are null when the key has none.
   */
  const lookUp = (tx: postgres.Sql, ownerId: string, key: string, decide: postgres.Fragment) =>
    tx<(Found & { state: string })[]>`
      with expired as (
        delete from idempotency_keys
        where user_id = ${ownerId} and key = ${key} and created_at < ${cutoff}
      ), found as (
        select fingerprint, status, body, location from idempotency_keys
        where user_id = ${ownerId} and key = ${key} and created_at >= ${cutoff}
      )
      select ${decide} as state, found.*, exists (
          select 1 from idempotency_keys
          where user_id = ${ownerId} and created_at < ${cutoff} and key <> ${key}) as stale
      from (select) as one left join found on true`;

  const purging = new Map<string, Promise<void>>();

  /**
   * Deletes a bounded batch of the owner's expired keys in a transaction of its own, beside the
   * request that found them: one purge per owner at a time in this process, and across replicas
   * whichever takes the owner's purge lock (seed 2, never waited for). A purge that fails (the
   * database away) is left to the owner's next keyed write that finds expired keys; expired keys
   * are never replayed either way.
   */
  function purgeLater(ownerId: string): void {
    if (purging.has(ownerId)) return;
    const purge = queryAsOwner(
      sql,
      ownerId,
      (tx) => tx`
        delete from idempotency_keys
        where (select pg_try_advisory_xact_lock(hashtextextended(${ownerId}, 2)))
          and ctid = any(array(
          select ctid from idempotency_keys
          where user_id = ${ownerId} and created_at < ${cutoff}
          limit ${PURGE_BATCH}))`,
    ).then(
      () => undefined,
      () => undefined,
    );
    purging.set(ownerId, purge);
    void purge.finally(() => purging.delete(ownerId));
  }

  /** The lookup's verdict: the stored answer to replay, or null to run; 422 for another request. */
  function storedFor(found: Found | undefined, fingerprint: string): StoredResponse | null {
    if (found === undefined || found.status === null) return null;
    if (found.fingerprint !== fingerprint) throw idempotencyKeyReused();
    return { status: found.status, body: found.body, location: found.location };
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
            // The decision the write's guard reads: this request holds the key's lock and the
            // key has no answer yet. While it holds the lock no other can store one.
            lookUp(
              tx,
              ownerId,
              key,
              sql`set_config('app.idempotency', case
                when current_setting('app.idempotency') = 'busy' then 'busy'
                when found.status is not null then 'stop' else 'go' end, true)`,
            ),
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
          {
            signal: options.signal ?? signal,
            // Taken with the owner's scope, so the lookup's snapshot comes after it.
            alongsideScope: sql`set_config('app.idempotency',
              case when ${lockKey(ownerId, key)} then 'locked' else 'busy' end, true)`,
          },
        );
        const [found] = results[0] as (Found & { state: string })[];
        if (found?.stale) purgeLater(ownerId);
        if (found?.state === "busy") throw idempotencyKeyInUse();
        const stored = storedFor(found, fingerprint);
        if (stored !== null) throw new Replay(stored);
        return results.at(-1) as postgres.RowList<Rows>;
      },
    };
  }

  return {
    async purges() {
      await Promise.all(purging.values());
    },

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
            const [[lock], [found]] = await Promise.all([
              tx<{ acquired: boolean }[]>`select ${lockKey(ownerId, key)} as acquired`,
              lookUp(tx as unknown as postgres.Sql, ownerId, key, sql`null`),
            ]);
            if (found?.stale) purgeLater(ownerId);
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
