import type { Priority, SortOrder, TagCount, Task, TaskSort, TaskStatus } from "@ownlist/contract";
import { type OwnerScopeOptions, pipelineAsOwner, queryAsOwner } from "@ownlist/db";
import type postgres from "postgres";
import { ORDER_BY } from "./list-order.ts";

/** Every writable field, defaults already applied (POST and PUT). */
export interface TaskFields {
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  due_date: string | null;
  tags: string[];
}

export interface TaskListOptions {
  status: TaskStatus;
  q?: string;
  priority?: Priority;
  tag?: string;
  due_before?: string;
  due_after?: string;
  sort: TaskSort;
  order: SortOrder;
  limit: number;
  offset: number;
}

export interface TaskPage {
  tasks: Task[];
  /** How many tasks matched the filters, all pages together. */
  total: number;
}

export type CreateTaskResult =
  { ok: true; task: Task } | { ok: false; reason: "unknown_user" | "task_limit" };

/**
 * The only code that talks to the tasks table. Every method takes the owner's id and filters on
 * it inside the query: there is no way to read or change a task by its id alone. A task that is
 * missing and a task that belongs to someone else are the same `null`. Every query also runs
 * as its owner (`queryAsOwner`, `pipelineAsOwner`), where row-level security hides every
 * other owner's rows: a filter forgotten here would still leak nothing. Every method takes the
 * request's deadline (`signal`, docs/contract.md#request-deadline) down to those two.
 */
export interface TasksRepository {
  /** API_MAX_TASKS_PER_USER: `create` refuses with `task_limit` past it. */
  readonly maxTasksPerUser: number;
  list(ownerId: string, options: TaskListOptions, signal?: AbortSignal): Promise<TaskPage>;
  /** Every tag on the owner's tasks, once per spelling ignoring case (docs/contract.md#tags). */
  tags(ownerId: string, signal?: AbortSignal): Promise<TagCount[]>;
  create(ownerId: string, fields: TaskFields, signal?: AbortSignal): Promise<CreateTaskResult>;
  find(ownerId: string, taskId: string, signal?: AbortSignal): Promise<Task | null>;
  replace(
    ownerId: string,
    taskId: string,
    fields: TaskFields,
    signal?: AbortSignal,
  ): Promise<Task | null>;
  update(
    ownerId: string,
    taskId: string,
    changes: Partial<TaskFields>,
    signal?: AbortSignal,
  ): Promise<Task | null>;
  /** `"toggle"` flips the current value in the same statement (no read-then-write race). */
  setCompleted(
    ownerId: string,
    taskId: string,
    completed: boolean | "toggle",
    signal?: AbortSignal,
  ): Promise<Task | null>;
  remove(ownerId: string, taskId: string, signal?: AbortSignal): Promise<boolean>;
  /** Deletes every completed task of the owner in one statement; the ids it deleted. */
  removeCompleted(ownerId: string, signal?: AbortSignal): Promise<string[]>;
  /**
   * Sets `completed` on the owner's tasks in `ids` (all of them when undefined) in one statement,
   * touching only those not already so; the ids it changed.
   */
  setCompletedMany(
    ownerId: string,
    completed: boolean,
    ids: readonly string[] | undefined,
    signal?: AbortSignal,
  ): Promise<string[]>;
  /**
   * Whether the owner still has an account. Asked only when a write found no task
   * (docs/contract.md#writes: a deleted person's token gets 401, not 404), so the writes that
   * find their task pay nothing for it.
   */
  ownerExists(ownerId: string, signal?: AbortSignal): Promise<boolean>;
  /**
   * The same reads and writes sent through `scope` instead of the pool: a keyed write's change
   * and its stored answer go in one transaction (docs/contract.md#idempotency-key).
   */
  within(scope: OwnerScope): TaskStatements;
  /**
   * Resolves when the database answers and lets the api act as an owner (its role exists and is
   * granted to the login role); rejects with the reason otherwise. For `/ready`.
   */
  checkReady(signal?: AbortSignal): Promise<void>;
}

/** What a repository does with tasks, on the pool or inside one owner's transaction. */
export type TaskStatements = Pick<
  TasksRepository,
  | "find"
  | "list"
  | "tags"
  | "create"
  | "replace"
  | "update"
  | "setCompleted"
  | "remove"
  | "removeCompleted"
  | "setCompletedMany"
  | "ownerExists"
>;

/**
 * A condition every statement that changes something adds to its `where`: `true` on the pool; in
 * a keyed write, whether this request may run (the idempotency repository decides it in the same
 * transaction, before the statement).
 */
export type Guard = postgres.Fragment;

export interface StatementOptions extends OwnerScopeOptions {
  /** Statements sent before `statement` in its transaction, for what they do (take a lock). */
  before?: (tx: postgres.Sql, guard: Guard) => postgres.Fragment[];
}

/**
 * How statements reach the database as an owner: one transaction per call, sent in one round
 * trip (`queryAsOwner` for a lone statement, `pipelineAsOwner` with statements before it); the
 * caller gets the rows of `statement`.
 */
export interface OwnerScope {
  query<Rows extends readonly postgres.Row[]>(
    ownerId: string,
    statement: (tx: postgres.Sql, guard: Guard) => postgres.PendingQuery<Rows>,
    options?: StatementOptions,
  ): Promise<postgres.RowList<Rows>>;
}

/**
 * A task's columns in the wire format of docs/contract.md#task: dates and timestamps read as
 * text in SQL, so no row is parsed into Date objects and back. Every read of tasks selects these.
 */
export function taskColumns(sql: postgres.Sql): postgres.Fragment {
  return sql`
    id, user_id, title, description, completed, priority,
    to_char(due_date, 'YYYY-MM-DD') as due_date,
    tags,
    to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
    to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at,
    to_char(completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as completed_at`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FOREIGN_KEY_VIOLATION = "23503";
const CHANGEABLE = ["title", "description", "completed", "priority", "due_date", "tags"] as const;

/**
 * Built on postgres.js directly: the api's queries are few and fixed, and reading dates and
 * timestamps as text in SQL (docs/contract.md#task's wire format) spares parsing them into Date
 * objects and back on every row.
 */
export function createTasksRepository(sql: postgres.Sql, maxTasksPerUser: number): TasksRepository {
  const always = sql`true`;
  return repositoryIn(sql, maxTasksPerUser, {
    async query<Rows extends readonly postgres.Row[]>(
      ownerId: string,
      statement: (tx: postgres.Sql, guard: Guard) => postgres.PendingQuery<Rows>,
      { before, signal }: StatementOptions = {},
    ) {
      // One statement needs no transaction of its own: its owner scope shares its implicit one
      // (decision 040). Statements sent before it (a lock) need a transaction that outlives each.
      if (!before) return queryAsOwner(sql, ownerId, (tx) => statement(tx, always), { signal });
      const rows = await pipelineAsOwner(
        sql,
        ownerId,
        (tx) => [...(before?.(tx, always) ?? []), statement(tx, always)],
        { signal },
      );
      return rows.at(-1) as postgres.RowList<Rows>;
    },
  });
}

function repositoryIn(
  sql: postgres.Sql,
  maxTasksPerUser: number,
  scope: OwnerScope,
): TasksRepository {
  const columns = taskColumns(sql);
  // completed_at is set when a task becomes completed, cleared when it becomes pending, and kept
  // when `completed` is set to the value it already has (the old row's values are read here).
  const completedAtFor = (completed: boolean) =>
    completed ? sql`coalesce(completed_at, now())` : sql`null`;

  /** The one task of `ownerId` that `statement` reads or changes; null when there is none. */
  async function ownedTask(
    ownerId: string,
    taskId: string,
    statement: (tx: postgres.Sql, guard: Guard) => postgres.PendingQuery<Task[]>,
    signal: AbortSignal | undefined,
  ): Promise<Task | null> {
    if (!UUID.test(taskId)) return null; // PostgreSQL would throw on the uuid cast
    const rows = await scope.query(ownerId, statement, { signal });
    return rows[0] ?? null;
  }

  /**
   * `column` contains `text`, ignoring case (ICU's root locale, whatever the database's
   * collation): what `ilike '%…%'` with escaped wildcards meant, computed the way PostgreSQL
   * computes it (both sides lowered, then compared). strpos, not ilike: LIKE backtracks after a
   * leading `%`, and its worst search text cost several times strpos's worst
   * (docs/benchmarks/search.md). Both are bounded by `q`'s length limit and the statement timeout.
   */
  const contains = (column: "title" | "description", text: string) =>
    sql`strpos(lower(${sql(column)} collate "und-x-icu"), lower(${text}::text collate "und-x-icu")) > 0`;

  /**
   * One of the task's tags contains `text`, compared like `contains`: the same bounded strpos
   * per tag (a task has few, short tags), so tags add little to search's worst case
   * (docs/contract.md#listing, docs/benchmarks/search.md).
   */
  const tagContains = (text: string) =>
    sql`exists (select 1 from unnest(tags) as tag where strpos(lower(tag collate "und-x-icu"), lower(${text}::text collate "und-x-icu")) > 0)`;

  function filters(ownerId: string, options: TaskListOptions) {
    const { status, q, priority, tag, due_before, due_after } = options;
    return sql`user_id = ${ownerId}
      ${status === "all" ? sql`` : sql`and completed = ${status === "completed"}`}
      ${q ? sql`and (${contains("title", q)} or ${contains("description", q)} or ${tagContains(q)})` : sql``}
      ${priority ? sql`and priority = ${priority}` : sql``}
      ${tag === undefined ? sql`` : sql`and exists (select 1 from unnest(tags) as tag where lower(tag collate "und-x-icu") = lower(${tag.trim()}::text collate "und-x-icu"))`}
      ${due_before ? sql`and due_date <= ${due_before}` : sql``}
      ${due_after ? sql`and due_date >= ${due_after}` : sql``}`;
  }

  async function find(ownerId: string, taskId: string, signal?: AbortSignal): Promise<Task | null> {
    return ownedTask(
      ownerId,
      taskId,
      (tx) => tx<Task[]>`
        select ${columns} from tasks where user_id = ${ownerId} and id = ${taskId}`,
      signal,
    );
  }

  return {
    maxTasksPerUser,
    find,

    async list(ownerId, options, signal) {
      const where = filters(ownerId, options);
      // One statement per page: the window count gives the total alongside the rows.
      const rows = await scope.query(
        ownerId,
        (tx) => tx<(Task & { total: number })[]>`
        select ${columns}, count(*) over ()::int as total from tasks
        where ${where}
        order by ${sql.unsafe(ORDER_BY[options.sort][options.order])}
        limit ${options.limit} offset ${options.offset}`,
        { signal },
      );
      if (rows.length > 0) return { tasks: rows, total: rows[0]!.total };
      if (options.offset === 0) return { tasks: [], total: 0 };
      // Past the last page the window has no row to ride on: count separately.
      const [counted] = await scope.query(
        ownerId,
        (tx) => tx<{ total: number }[]>`
        select count(*)::int as total from tasks where ${where}`,
        { signal },
      );
      return { tasks: [], total: counted?.total ?? 0 };
    },

    async tags(ownerId, signal) {
      // Grouped the way the `tag` filter compares (lowered under ICU's root collation), so each
      // entry, sent back as `tag`, finds exactly the tasks it counts. The spelling shown is
      // the first in code-point order, whatever the order the tasks were written in.
      const rows = await scope.query(
        ownerId,
        (tx) => tx<TagCount[]>`
        select min(tag collate "C") as tag, count(*)::int as count
        from tasks cross join lateral unnest(tags) as tag
        where user_id = ${ownerId}
        group by lower(tag collate "und-x-icu")
        order by lower(tag collate "und-x-icu")`,
        { signal },
      );
      return [...rows];
    },

    async create(ownerId, fields, signal) {
      try {
        // One owner's creates take turns (a transaction-scoped lock on the owner's id, taken by
        // the statement before), so two concurrent creates cannot both see room for one more
        // task: the insert's snapshot is taken after the lock. No row back: no room.
        const rows = await scope.query(
          ownerId,
          (tx, guard) => tx<Task[]>`
          insert into tasks (user_id, title, description, completed, priority, due_date, tags, completed_at)
          select ${ownerId}, ${fields.title}::text, ${fields.description}::text,
                 ${fields.completed}::boolean, ${fields.priority}::task_priority,
                 ${fields.due_date}::date, ${fields.tags}::text[],
                 ${fields.completed ? sql`now()` : sql`null`}
          where (select count(*) from tasks where user_id = ${ownerId}) < ${maxTasksPerUser}
            and ${guard}
          returning ${columns}`,
          {
            signal,
            before: (tx, guard) => [
              tx`select pg_advisory_xact_lock(hashtextextended(${ownerId}, 0)) where ${guard}`,
            ],
          },
        );
        const task = rows[0];
        return task ? { ok: true, task } : { ok: false, reason: "task_limit" };
      } catch (error) {
        // The token is valid but its user has been deleted since (docs/contract.md#writes: the
        // api does not look users up; the foreign key notices).
        if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
          return { ok: false, reason: "unknown_user" };
        }
        throw error;
      }
    },

    async replace(ownerId, taskId, fields, signal) {
      return ownedTask(
        ownerId,
        taskId,
        (tx, guard) => tx<Task[]>`
          update tasks set
            title = ${fields.title}, description = ${fields.description},
            completed = ${fields.completed}, priority = ${fields.priority},
            due_date = ${fields.due_date}, tags = ${fields.tags}::text[],
            completed_at = ${completedAtFor(fields.completed)}, updated_at = now()
          where user_id = ${ownerId} and id = ${taskId} and ${guard}
          returning ${columns}`,
        signal,
      );
    },

    async update(ownerId, taskId, changes, signal) {
      const names = CHANGEABLE.filter((name) => changes[name] !== undefined);
      if (names.length === 0) return find(ownerId, taskId, signal);
      const completedAt =
        changes.completed === undefined ? sql`completed_at` : completedAtFor(changes.completed);
      return ownedTask(
        ownerId,
        taskId,
        (tx, guard) => tx<Task[]>`
          update tasks set ${sql(changes as Record<string, postgres.ParameterOrJSON<never>>, names)},
            completed_at = ${completedAt}, updated_at = now()
          where user_id = ${ownerId} and id = ${taskId} and ${guard}
          returning ${columns}`,
        signal,
      );
    },

    async setCompleted(ownerId, taskId, completed, signal) {
      const assignment =
        completed === "toggle"
          ? sql`completed = not completed, completed_at = case when completed then null else now() end`
          : sql`completed = ${completed}, completed_at = ${completedAtFor(completed)}`;
      return ownedTask(
        ownerId,
        taskId,
        (tx, guard) => tx<Task[]>`
          update tasks set ${assignment}, updated_at = now()
          where user_id = ${ownerId} and id = ${taskId} and ${guard}
          returning ${columns}`,
        signal,
      );
    },

    async ownerExists(ownerId, signal) {
      // ownlist_owner_exists() (migration 0004) answers for the scope's own owner only: the api
      // may read nothing of Better Auth's tables.
      const [row] = await scope.query(
        ownerId,
        (tx) => tx<{ exists: boolean }[]>`select ownlist_owner_exists() as exists`,
        { signal },
      );
      return row?.exists === true;
    },

    async checkReady(signal) {
      await scope.query("", (tx) => tx`select 1 from tasks limit 0`, { signal });
    },

    within(keyed) {
      return repositoryIn(sql, maxTasksPerUser, keyed);
    },

    async remove(ownerId, taskId, signal) {
      if (!UUID.test(taskId)) return false;
      const removed = await scope.query(
        ownerId,
        (tx, guard) => tx`
          delete from tasks where user_id = ${ownerId} and id = ${taskId} and ${guard}
          returning id`,
        { signal },
      );
      return removed.length > 0;
    },

    async removeCompleted(ownerId, signal) {
      const rows = await scope.query(
        ownerId,
        (tx, guard) => tx<{ id: string }[]>`
          delete from tasks where user_id = ${ownerId} and completed and ${guard} returning id`,
        { signal },
      );
      return rows.map((row) => row.id);
    },

    async setCompletedMany(ownerId, completed, ids, signal) {
      const chosen = ids === undefined ? sql`` : sql`and id = any(${[...ids]}::uuid[])`;
      const rows = await scope.query(
        ownerId,
        (tx, guard) => tx<{ id: string }[]>`
          update tasks set completed = ${completed},
            completed_at = ${completed ? sql`now()` : sql`null`}, updated_at = now()
          where user_id = ${ownerId} and completed <> ${completed} ${chosen} and ${guard}
          returning id`,
        { signal },
      );
      return rows.map((row) => row.id);
    },
  };
}
