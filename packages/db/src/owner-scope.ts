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
 * One statement as `ownerId`, in one round trip: `begin`, the settings, the statement and
 * `commit` are written at once on a reserved connection (the bare statement took one round trip
 * too). Each carries its own Sync, so a failed statement does not swallow the `commit`, which
 * then rolls back. `statement` must return the query unawaited: `(tx) => tx\`…\``.
 */
export async function queryAsOwner<Rows extends readonly postgres.Row[]>(
  sql: postgres.Sql,
  ownerId: string,
  statement: (tx: postgres.ReservedSql) => postgres.PendingQuery<Rows>,
): Promise<postgres.RowList<Rows>> {
  const tx = await sql.reserve();
  let query: postgres.PendingQuery<Rows>;
  try {
    query = statement(tx); // built, not sent: nothing is on the connection yet
    // A query that was awaited (a promise of rows) or anything else has no `execute`: refuse it
    // here, before `begin` is sent, not half-way through the pipeline below, where the throw
    // would leave `begin` and the settings on a connection never handed back.
    if (typeof (query as Partial<typeof query> | undefined)?.execute !== "function") {
      throw new TypeError("queryAsOwner's statement must return an unawaited query: (tx) => tx`…`");
    }
  } catch (error) {
    tx.release(); // nothing was sent: the connection is as it was reserved
    throw error;
  }
  const settled = await Promise.allSettled([
    tx`begin`.execute(),
    scopeTo(tx, ownerId).execute(),
    query.execute(),
    tx`commit`.execute(),
  ]);
  // Every statement has its answer, so nothing of ours is left on the connection. Only answers
  // from the server prove it still works: a lost connection must not be handed back (postgres.js
  // would write to its closed socket); postgres.js reconnects that slot by itself.
  // Not handled: a parameter postgres.js cannot serialise. postgres.js 3.4.9 then rejects the
  // wrong query of the pipeline, leaves another waiting forever and its answers out of step with
  // the server (porsager/postgres#1082): such a connection must not be handed back (another
  // owner's query could get this one's rows), and ending it from the server side poisons the
  // next connection's first query in the same driver. Callers pass strings, numbers, booleans,
  // null and arrays of strings checked by the contract's schemas (tasks-repository.ts).
  if (settled.every((result) => result.status === "fulfilled" || isServerError(result.reason))) {
    tx.release();
  }
  // The earliest failure is the cause: the statements after it only saw an aborted transaction.
  const failure = settled.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  return (settled[2] as PromiseFulfilledResult<postgres.RowList<Rows>>).value;
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
): Promise<T> {
  const result = await sql.begin(async (tx) => {
    const scoped = scopeTo(tx, ownerId).execute();
    // Both settled before leaving: nothing of `work` may run after the transaction ends.
    const [scope, outcome] = await Promise.allSettled([scoped, work(tx)]);
    if (scope.status === "rejected") throw scope.reason;
    if (outcome.status === "rejected") throw outcome.reason;
    return outcome.value;
  });
  return result as T;
}

function isServerError(error: unknown): boolean {
  return error instanceof postgres.PostgresError && error.severity === "ERROR";
}
