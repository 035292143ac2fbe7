import postgres from "postgres";

/**
 * The database role the api works as (migration 0001): not a superuser, no BYPASSRLS, not the
 * owner of `tasks`, so the row-level security policy on `tasks` always applies to it.
 *
 * `queryAsOwner` and `transactionAsOwner` run SQL in a transaction that can see and change only
 * one owner's tasks, whatever the SQL says: the transaction takes this role and sets
 * `app.user_id`, which the policy on `tasks` compares with each row's owner. Both settings are
 * transaction-local, so a pooled connection carries neither to the next request. This is the
 * second wall; the queries keep their own `user_id` filters
 * (docs/decisions/020-row-level-security-on-tasks.md).
 */
export const API_DATABASE_ROLE = "ownlist_api";

type AnySql = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;

const scopeTo = (tx: AnySql, ownerId: string) => tx`
  select set_config('role', ${API_DATABASE_ROLE}, true),
         set_config('app.user_id', ${ownerId}, true)`;

/**
 * docs/contract.md#request-deadline: what the repository does with a request's deadline. When
 * `signal` aborts, nothing not yet sent to PostgreSQL is sent (a connection that arrives later is
 * handed back untouched), and the statement under way is cancelled; the caller gets
 * `signal.reason`. The work's own outcome still wins when it arrives within CANCEL_GRACE_MS of
 * the abort: a write the server committed is reported as done, never as refused.
 */
export interface OwnerScopeOptions {
  signal?: AbortSignal | undefined;
}

/**
 * How long a cancelled statement may take to report back (a cancel request is one round trip on a
 * connection of its own). Past it the database is presumed unreachable and the caller gets the
 * abort reason while the statement's outcome is still unknown.
 */
const CANCEL_GRACE_MS = 500;

/**
 * One statement as `ownerId`, in its own transaction: `begin`, the settings, the statement and
 * `commit`, written at once and answered in one round trip. Each carries its own Sync, so a
 * failed statement does not swallow the `commit`, which then rolls back. The four go down one of
 * a few connections reserved as lanes (`takeLane`): the transactions of concurrent requests
 * follow one another on a lane, pipelined as bare statements were, each one whole before the
 * next begins (decision 040). `statement` must return the query unawaited: `(tx) => tx\`…\``.
 */
export async function queryAsOwner<Rows extends readonly postgres.Row[]>(
  sql: postgres.Sql,
  ownerId: string,
  statement: (tx: postgres.ReservedSql) => postgres.PendingQuery<Rows>,
  { signal }: OwnerScopeOptions = {},
): Promise<postgres.RowList<Rows>> {
  signal?.throwIfAborted();
  const lane = await takeLane(sql);
  let tx: postgres.ReservedSql;
  try {
    tx = await connectionBefore(lane, signal);
  } catch (error) {
    leaveLane(lane, lane.usable);
    throw error;
  }
  let query: postgres.PendingQuery<Rows>;
  try {
    query = statement(tx); // built, not sent: nothing is on the connection yet
    // A query that was awaited (a promise of rows) or anything else has no `execute`: refuse it
    // here, before `begin` is sent, not half-way through the pipeline below, where the throw
    // would leave `begin` and the settings on the lane.
    if (typeof (query as Partial<typeof query> | undefined)?.execute !== "function") {
      throw new TypeError("queryAsOwner's statement must return an unawaited query: (tx) => tx`…`");
    }
  } catch (error) {
    leaveLane(lane, true); // nothing was sent
    throw error;
  }
  // The four are handed to the connection in this one synchronous run, so no other request's
  // statement can come between them: the lane runs whole transactions, one after another.
  const pipeline = Promise.allSettled([
    tx`begin`.execute(),
    scopeTo(tx, ownerId).execute(),
    query.execute(),
    tx`commit`.execute(),
  ]).then((settled) => {
    // Every statement has its answer, so nothing of ours is left on the connection. Only answers
    // from the server prove it still works: a lane that lost its connection is never handed back
    // (postgres.js would write to its closed socket); postgres.js reconnects that slot by itself.
    // Not handled: a parameter postgres.js cannot serialise. postgres.js 3.4.9 then rejects the
    // wrong query of the pipeline and leaves answers out of step with the server
    // (porsager/postgres#1082), on a lane other requests share. Callers pass strings, numbers,
    // booleans, null and arrays of strings checked by the contract's schemas
    // (tasks-repository.ts).
    leaveLane(
      lane,
      settled.every((result) => result.status === "fulfilled" || isServerError(result.reason)),
    );
    // The earliest failure is the cause: the statements after it only saw an aborted transaction.
    const failure = settled.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
    return (settled[2] as PromiseFulfilledResult<postgres.RowList<Rows>>).value;
  });
  // Cancelled, the statement fails and the `commit` behind it rolls back.
  return settleBefore(pipeline, signal, () => {
    cancel(query);
    return true;
  });
}

/**
 * A connection reserved from the pool and shared by the requests in flight: each writes its
 * whole transaction at once (`queryAsOwner`), so the lane carries transactions back to back and
 * postgres.js pipelines them as it pipelined bare statements. Handed back to the pool when no
 * request uses it; never when one of its answers did not come from the server.
 */
interface Lane {
  pool: postgres.Sql;
  connection: Promise<postgres.ReservedSql>;
  /** Requests that took this lane and have not had every answer yet. */
  users: number;
  /** False once the lane lost its connection (or never had one): no one else may take it. */
  usable: boolean;
}

/**
 * Requests one lane carries at once. postgres.js pipelines up to 100 statements on a connection;
 * past that it sends a reserved connection's next statement only once every answer is in, one
 * round trip each, which costs more than waiting here for a lane with room.
 */
const LANE_DEPTH = 16;

interface Lanes {
  open: Lane[];
  /** Requests waiting for room on a lane, in arrival order. */
  waiting: ((lane: Lane) => void)[];
}

const lanesOf = new WeakMap<postgres.Sql, Lanes>();

/**
 * The open lane with the fewest requests on it; a new one while there are fewer lanes than half
 * the pool, so the other half stays free for `transactionAsOwner` and everything else; else the
 * first lane to have room.
 */
function takeLane(pool: postgres.Sql): Lane | Promise<Lane> {
  let lanes = lanesOf.get(pool);
  if (!lanes) lanesOf.set(pool, (lanes = { open: [], waiting: [] }));
  let lane: Lane | undefined;
  for (const candidate of lanes.open) {
    if (!lane || candidate.users < lane.users) lane = candidate;
  }
  const mayOpen = lanes.open.length < Math.max(1, Math.floor(pool.options.max / 2));
  if (!lane || (lane.users > 0 && mayOpen)) {
    const opened: Lane = { pool, connection: pool.reserve(), users: 0, usable: true };
    opened.connection.catch(() => {
      opened.usable = false;
      dropLane(opened);
    });
    lanes.open.push(opened);
    lane = opened;
  } else if (lane.users >= LANE_DEPTH) {
    const { waiting } = lanes;
    return new Promise((resolve) => waiting.push(resolve));
  }
  lane.users += 1;
  return lane;
}

function leaveLane(lane: Lane, healthy: boolean): void {
  if (!healthy) {
    lane.usable = false;
    dropLane(lane);
  }
  const lanes = lanesOf.get(lane.pool);
  const next = lanes?.waiting.shift();
  if (next) {
    // The slot goes straight to the next waiter: on this lane if it still works, else on another.
    lane.users -= 1;
    const taken = takeLane(lane.pool);
    if (taken instanceof Promise) void taken.then(next);
    else next(taken);
    if (lane.users > 0 || !lane.usable) return;
  } else {
    lane.users -= 1;
    if (lane.users > 0) return;
  }
  dropLane(lane);
  if (lane.usable) void lane.connection.then((connection) => connection.release());
}

function dropLane(lane: Lane): void {
  const open = lanesOf.get(lane.pool)?.open;
  const at = open?.indexOf(lane) ?? -1;
  if (at !== -1) open?.splice(at, 1);
}

/** The lane's connection, unless `signal` aborts first: then `signal.reason` is thrown at once. */
function connectionBefore(
  lane: Lane,
  signal: AbortSignal | undefined,
): Promise<postgres.ReservedSql> {
  if (!signal) return lane.connection;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    lane.connection.then(
      (connection) => {
        signal.removeEventListener("abort", abort);
        if (signal.aborted) reject(signal.reason);
        else resolve(connection);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}

/**
 * Several statements as `ownerId` (create: lock, count, insert), in postgres.js's own
 * transaction, which copes with a connection lost half-way. The settings travel with the first
 * statement of `work`.
 */
export async function transactionAsOwner<T>(
  sql: postgres.Sql,
  ownerId: string,
  work: (tx: postgres.TransactionSql) => Promise<T>,
  { signal }: OwnerScopeOptions = {},
): Promise<T> {
  signal?.throwIfAborted();
  let scoped: postgres.PendingQuery<postgres.Row[]> | undefined;
  const transaction = sql.begin(async (tx) => {
    // The connection came after the deadline: postgres.js has sent only `begin`, and rolls it
    // back; none of `work` is sent.
    signal?.throwIfAborted();
    scoped = scopeTo(tx, ownerId);
    // Both settled before leaving: nothing of `work` may run after the transaction ends.
    const [scope, outcome] = await Promise.allSettled([scoped.execute(), work(tx)]);
    if (scope.status === "rejected") throw scope.reason;
    if (outcome.status === "rejected") throw outcome.reason;
    // Past the deadline the caller has been (or is about to be) told the work failed: roll back
    // rather than commit it behind that answer.
    signal?.throwIfAborted();
    return outcome.value;
  });
  // Cancelling the settings' query cancels whatever its connection (backend) runs now: one of
  // `work`'s statements. The transaction is then aborted and rolls back.
  // Before that, nothing of the request's was sent: the caller is answered at once.
  return (await settleBefore(transaction, signal, () => {
    if (scoped) cancel(scoped);
    return scoped !== undefined;
  })) as T;
}

/**
 * `work`'s outcome; once `signal` aborts, `onAbort` runs and says whether a statement is under way:
 * if so, `work` has CANCEL_GRACE_MS to settle before `signal.reason` is thrown, else it is thrown
 * at once. A failure after the abort is reported as the abort (it is what the cancel caused).
 */
function settleBefore<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort: () => boolean,
): Promise<T> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    const abort = () => {
      if (onAbort()) grace = setTimeout(() => reject(signal.reason), CANCEL_GRACE_MS);
      else reject(signal.reason);
    };
    const done = () => {
      signal.removeEventListener("abort", abort);
      clearTimeout(grace);
    };
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(signal.aborted ? signal.reason : error);
      },
    );
  });
}

/**
 * postgres.js's `query.cancel()`: removes a query not yet sent, or asks the server to cancel the
 * statement its connection runs. The request fails when the server cannot be reached; then there
 * is nothing more to do (patches/postgres+3.4.9.patch returns its promise).
 */
function cancel(query: { cancel(): void }): void {
  const cancelling = query.cancel() as unknown as Promise<void> | null;
  void cancelling?.catch(() => undefined);
}

function isServerError(error: unknown): boolean {
  return error instanceof postgres.PostgresError && error.severity === "ERROR";
}
