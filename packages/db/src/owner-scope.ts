import type postgres from "postgres";

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
 * One statement as `ownerId`, in one round trip and one implicit transaction: the settings and
 * the statement go out together on one pooled connection with a single Sync
 * (`withPrelude`, patches/postgres+3.4.9.patch), so the settings hold for the statement and end
 * with it, and the server skips the statement if the settings fail. No connection is reserved:
 * other requests' statements share the connection before and after the pair, never between its
 * two halves (docs/decisions/040-owner-scope-in-one-implicit-transaction.md).
 * `statement` must return the query unawaited: `(tx) => tx\`…\``.
 */
export async function queryAsOwner<Rows extends readonly postgres.Row[]>(
  sql: postgres.Sql,
  ownerId: string,
  statement: (tx: postgres.Sql) => postgres.PendingQuery<Rows>,
  { signal }: OwnerScopeOptions = {},
): Promise<postgres.RowList<Rows>> {
  signal?.throwIfAborted();
  const query = statement(sql); // built, not sent: nothing is on a connection yet
  // A query that was awaited (a promise of rows, already sent on its own, outside any owner
  // scope) or anything else has no `execute`: refuse it.
  if (typeof (query as Partial<typeof query> | undefined)?.execute !== "function") {
    throw new TypeError("queryAsOwner's statement must return an unawaited query: (tx) => tx`…`");
  }
  (query as unknown as WithPrelude).withPrelude(scopeTo(sql, ownerId));
  // Cancelled before it reaches a connection, it is never sent; under way, the statement fails
  // and its implicit transaction rolls back.
  return settleBefore(query.execute(), signal, () => {
    cancel(query);
    return true;
  });
}

/** patches/postgres+3.4.9.patch: `query.withPrelude(prelude)`, see `queryAsOwner`. */
interface WithPrelude {
  withPrelude(prelude: postgres.PendingQuery<postgres.Row[]>): void;
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
