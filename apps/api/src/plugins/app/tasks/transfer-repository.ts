import type { Task } from "@ownlist/contract";
import { type OwnerScopeOptions, queryAsOwner, transactionAsOwner } from "@ownlist/db";
import type postgres from "postgres";
import { taskColumns, type TaskFields } from "./tasks-repository.ts";

/** One row of an import, checked and normalized: the writable fields and the times it keeps. */
export interface ImportRow extends TaskFields {
  created_at: string | null;
  updated_at: string | null;
  completed_at: string | null;
}

/** What the database says about an import, before (dry run) or after (real) it is done. */
export type ImportOutcome =
  | { ok: true; added: number }
  | { ok: false; reason: "unknown_user" }
  | { ok: false; reason: "already_imported"; importedAt: string; count: number }
  | { ok: false; reason: "task_limit"; room: number };

export interface ImportRequest {
  ownerId: string;
  rows: ImportRow[];
  /** SHA-256 of the file's bytes: the same file again is recognised (task_imports). */
  fingerprint: string;
  /** Check only: nothing is written. */
  dryRun: boolean;
}

/**
 * docs/contract.md#export and #import: the whole of one owner's tasks at once, read through a
 * cursor and written in one transaction, under the owner scope and row-level security like every
 * other access to tasks.
 */
export interface TransferRepository {
  /**
   * Reads every task of `ownerId`, oldest first, `batchSize` rows at a time through a cursor in
   * one owner-scoped transaction (one snapshot), and awaits `onBatch` for each before fetching
   * the next: a consumer that waits for its reader keeps memory flat. A throw from `onBatch`
   * stops the read and ends the transaction. `signal` aborts the read (statement cancelled).
   */
  exportTasks(
    ownerId: string,
    batchSize: number,
    onBatch: (tasks: Task[]) => Promise<void>,
    options?: OwnerScopeOptions,
  ): Promise<void>;
  /**
   * All or nothing: `rows` are added in one transaction, with the file's fingerprint, after the
   * checks (the person still exists, the file is new, the tasks fit under the limit); a dry run
   * makes the checks and writes nothing. Real imports of one owner take turns with each other and
   * with creates (the same lock), so none can see room that another is filling.
   */
  importTasks(request: ImportRequest, options?: OwnerScopeOptions): Promise<ImportOutcome>;
  /** The same, inside `tx`, an owner-scoped transaction (a keyed import: docs/contract.md#idempotency-key). */
  importTasksWithin(tx: postgres.TransactionSql, request: ImportRequest): Promise<ImportOutcome>;
}

const FOREIGN_KEY_VIOLATION = "23503";

export interface TransferSettings {
  /** API_MAX_TASKS_PER_USER. */
  maxTasksPerUser: number;
  /** API_IDEMPOTENCY_TTL_HOURS: how long an imported file is recognised. */
  rememberImportsHours: number;
  /** API_EXPORT_TIMEOUT_SECONDS: the export's cursor statement may run this long. */
  exportTimeoutSeconds: number;
}

export function createTransferRepository(
  sql: postgres.Sql,
  { maxTasksPerUser, rememberImportsHours: rememberHours, exportTimeoutSeconds }: TransferSettings,
): TransferRepository {
  const columns = taskColumns(sql);
  const cutoff = sql`now() - make_interval(hours => ${rememberHours})`;

  /** The checks, in one statement: the person, this file's earlier import, the room left. */
  const checks = (
    tx: postgres.Sql | postgres.TransactionSql,
    { ownerId, fingerprint }: ImportRequest,
  ) =>
    tx<
      {
        exists: boolean;
        count: number;
        imported_at: string | null;
        imported_count: number | null;
      }[]
    >`
      select ownlist_owner_exists() as exists,
        (select count(*)::int from tasks where user_id = ${ownerId}) as count,
        imported.imported_at, imported.imported_count
      from (select 1) as one left join (
        select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as imported_at,
               task_count as imported_count
        from task_imports
        where user_id = ${ownerId} and fingerprint = ${fingerprint} and created_at >= ${cutoff}
      ) as imported on true`;

  function verdict(
    found: {
      exists: boolean;
      count: number;
      imported_at: string | null;
      imported_count: number | null;
    },
    rows: number,
  ): ImportOutcome | undefined {
    if (!found.exists) return { ok: false, reason: "unknown_user" };
    if (found.imported_at !== null) {
      return {
        ok: false,
        reason: "already_imported",
        importedAt: found.imported_at,
        count: found.imported_count ?? 0,
      };
    }
    const room = Math.max(0, maxTasksPerUser - found.count);
    if (rows > room) return { ok: false, reason: "task_limit", room };
    return undefined;
  }

  async function importWithin(
    tx: postgres.TransactionSql,
    request: ImportRequest,
  ): Promise<ImportOutcome> {
    const { ownerId, rows, fingerprint } = request;
    // Sent together (one round trip): the creates' lock (tasks-repository.ts), then the checks
    // in a snapshot taken after it.
    const [, [found]] = await Promise.all([
      tx`select pg_advisory_xact_lock(hashtextextended(${ownerId}, 0))`,
      checks(tx, request),
    ]);
    const refusal = verdict(found!, rows.length);
    if (refusal) return refusal;
    // One statement whatever the number of rows: the rows travel as one JSON parameter (a bound
    // parameter per value would pass PostgreSQL's 65,535 after a few thousand rows). `ordinality`
    // keeps the file's order; the CHECK constraints apply to every row as they do to a create.
    await Promise.all([
      tx`
        insert into tasks (user_id, title, description, completed, priority, due_date, tags,
                           created_at, updated_at, completed_at)
        select ${ownerId}, r.title, r.description, r.completed, r.priority::task_priority,
               r.due_date::date,
               array(select jsonb_array_elements_text(r.tags)),
               coalesce(r.created_at, t.created_at),
               coalesce(r.updated_at, r.created_at, t.created_at),
               case when r.completed then coalesce(r.completed_at, t.created_at) end
        from jsonb_array_elements(${JSON.stringify(rows)}::text::jsonb) with ordinality as e(row, position),
          jsonb_to_record(e.row) as r(
            title text, description text, completed boolean, priority text, due_date text,
            tags jsonb, created_at timestamptz, updated_at timestamptz, completed_at timestamptz),
          -- A row without created_at gets a time one millisecond (the column's precision) after
          -- the row before it, the last one now: the list, sorted by creation, keeps the file's
          -- order.
          lateral (select now() - make_interval(secs => (${rows.length} - e.position) / 1000.0)
                   as created_at) as t
        order by e.position`,
      // Forget this owner's imports older than the window, then remember this one.
      tx`delete from task_imports where user_id = ${ownerId} and created_at < ${cutoff}`,
      tx`
        insert into task_imports (user_id, fingerprint, task_count)
        values (${ownerId}, ${fingerprint}, ${rows.length})`,
    ]);
    return { ok: true, added: rows.length };
  }

  return {
    async exportTasks(ownerId, batchSize, onBatch, options) {
      await transactionAsOwner(
        sql,
        ownerId,
        async (tx) => {
          // The cursor is one statement from its first batch to its last, so the pool's
          // statement_timeout would cut any download slower than it; this export's own bound
          // (docs/contract.md#export) takes its place, for this transaction only.
          await tx`select set_config('statement_timeout', ${String(exportTimeoutSeconds * 1000)}, true)`;
          const cursor = tx<Task[]>`
            select ${columns} from tasks where user_id = ${ownerId}
            order by created_at, id`.cursor(batchSize);
          for await (const tasks of cursor) await onBatch(tasks);
        },
        options,
      );
    },

    async importTasks(request, options) {
      if (request.dryRun) {
        const [found] = await queryAsOwner(
          sql,
          request.ownerId,
          (tx) => checks(tx, request),
          options,
        );
        return verdict(found!, request.rows.length) ?? { ok: true, added: request.rows.length };
      }
      try {
        return await transactionAsOwner(
          sql,
          request.ownerId,
          (tx) => importWithin(tx, request),
          options,
        );
      } catch (error) {
        // The person was deleted between the check and the insert.
        if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
          return { ok: false, reason: "unknown_user" };
        }
        throw error;
      }
    },

    async importTasksWithin(tx, request) {
      try {
        return await importWithin(tx, request);
      } catch (error) {
        if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
          return { ok: false, reason: "unknown_user" };
        }
        throw error;
      }
    },
  };
}
