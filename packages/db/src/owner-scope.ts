import type postgres from "postgres";

/**
 * The database role the api works as (migration 0001): not a superuser, no BYPASSRLS, not the
 * owner of `tasks`, so the row-level security policy on `tasks` always applies to it.
 */
export const API_DATABASE_ROLE = "ownlist_api";

/**
 * Runs `work` in a transaction that can see and change only `ownerId`'s tasks, whatever its SQL
 * says: the transaction takes the api's role and sets `app.user_id`, which the policy on `tasks`
 * compares with each row's owner. Both settings are transaction-local, so a pooled connection
 * carries neither to the next request. This is the second wall; the queries keep their own
 * `user_id` filters (docs/decisions/020-row-level-security-on-tasks.md).
 */
export async function asOwner<T>(
  sql: postgres.Sql,
  ownerId: string,
  work: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  const result = await sql.begin(async (tx) => {
    // Sent without waiting for its answer, so it travels with the work's first query: one round
    // trip for both. PostgreSQL runs them in order; if this fails, the work fails with it.
    const scope = tx`
      select set_config('role', ${API_DATABASE_ROLE}, true),
             set_config('app.user_id', ${ownerId}, true)`.execute();
    const [, value] = await Promise.all([scope, work(tx)]);
    return value;
  });
  return result as T;
}
