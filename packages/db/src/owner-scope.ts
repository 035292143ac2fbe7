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

const scopeTo = (tx: AnySql, ownerId: string, alongside?: postgres.Fragment) =>
  // Without `alongside`, the very statement every unkeyed query has always sent.
  alongside === undefined
    ? tx`
  select set_config('role', ${API_DATABASE_ROLE}, true),
         set_config('app.user_id', ${ownerId}, true)`
    : tx`
  select set_config('role', ${API_DATABASE_ROLE}, true),
         set_config('app.user_id', ${ownerId}, true), ${alongside}`;

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

export interface PipelineOptions extends OwnerScopeOptions {
  /**
   * One more expression evaluated in the statement that sets the owner's scope, before every
   * statement of the pipeline (a keyed write's lock: it costs no statement of its own, and the
   * next statement's snapshot is taken after it). Its value is not returned: set a
   * transaction-local setting with it.
   */
  alongsideScope?: postgres.Fragment | undefined;
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

/**
 * Several statements as `ownerId` in one transaction and one round trip: `begin`, the settings,
 * the statements and `commit` are written at once on a reserved connection, and every
 * statement's rows come back, in order. Each carries its own Sync, so a failed statement does not
 * swallow the `commit`, which then rolls back, and the statements after it fail too: a statement
 * cannot depend on an earlier one's rows, only on what it did (a lock taken, a setting made).
 * `statements` must return the queries unawaited: `(tx) => [tx\`…\`, tx\`…\`]`.
 */
export async function pipelineAsOwner(
  sql: postgres.Sql,
  ownerId: string,
  statements: (tx: postgres.ReservedSql) => postgres.Fragment[],
  { signal, alongsideScope }: PipelineOptions = {},
): Promise<unknown[]> {
  const tx = await reserveBefore(sql, signal);
  let queries: postgres.Fragment[];
  try {
    queries = statements(tx); // built, not sent: nothing is on the connection yet
    // A query that was awaited (a promise of rows) or anything else has no `execute`: refuse it
    // here, before `begin` is sent, not half-way through the pipeline below, where the throw
    // would leave `begin` and the settings on a connection never handed back.
    if (
      !queries.every(
        (query) => typeof (query as Partial<typeof query> | undefined)?.execute === "function",
      )
    ) {
      throw new TypeError("an owner's statements must be unawaited queries: (tx) => tx`…`");
    }
  } catch (error) {
    tx.release(); // nothing was sent: the connection is as it was reserved
    throw error;
  }
  const sent: postgres.Fragment[] = [
    tx`begin`,
    scopeTo(tx, ownerId, alongsideScope),
    ...queries,
    tx`commit`,
  ];
  const answered = sent.map(() => false);
  const pipeline = Promise.allSettled(
    sent.map((query, index) =>
      query.execute().finally(() => {
        answered[index] = true;
      }),
    ),
  ).then((settled) => {
    // Every statement has its answer, so nothing of ours is left on the connection. Only answers
    // from the server prove it still works: a lost connection must not be handed back
    // (postgres.js would write to its closed socket); postgres.js reconnects that slot by itself.
    // A parameter postgres.js cannot serialise fails its own query only
    // (patches/postgres+3.4.9.patch, porsager/postgres#1082), so the rest still get answers.
    if (settled.every((result) => result.status === "fulfilled" || isServerError(result.reason))) {
      tx.release();
    }
    // The earliest failure is the cause: the statements after it only saw an aborted transaction.
    const failure = settled.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
    return settled.slice(2, -1).map((result) => (result as PromiseFulfilledResult<unknown>).value);
  });
  // Cancelling the first statement still unanswered cancels what the connection runs now; the
  // transaction is then aborted, what follows fails and the `commit` rolls back.
  return settleBefore(pipeline, signal, () => {
    const running = sent.find((_, index) => !answered[index]);
    if (running) cancel(running);
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
 * A reserved connection, unless `signal` aborts first: then `signal.reason` is thrown at once and
 * the connection, when the pool hands it over, goes back unused.
 */
function reserveBefore(
  sql: postgres.Sql,
  signal: AbortSignal | undefined,
): Promise<postgres.ReservedSql> {
  if (!signal) return sql.reserve();
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    let given = true;
    const abort = () => {
      given = false;
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
    sql.reserve().then(
      (tx) => {
        signal.removeEventListener("abort", abort);
        if (given) resolve(tx);
        else tx.release();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
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
