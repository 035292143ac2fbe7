import { queryAsOwner } from "@ownlist/db";
import type postgres from "postgres";
import { toTextArrayLiteral } from "../lib/pg-array.ts";

/**
 * floor-db's queries, written by hand with postgres.js tagged templates (which postgres.js
 * prepares once per connection): the same statements the api's tasks repository sends, dates
 * and timestamps formatted as text in SQL, so serialising a page is one `JSON.stringify`. Each
 * runs as its owner under row-level security (`queryAsOwner`), as the api's do: the floor pays
 * the same database price, so the ratios measure the api's own overhead.
 */
export interface TaskJson {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: string;
  due_date: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface TaskPage {
  tasks: TaskJson[];
  total: number;
}

const LIST_LIMIT = 100;

export function createFloorQueries(sql: postgres.Sql) {
  const columns = sql`
    id, user_id, title, description, completed, priority,
    to_char(due_date, 'YYYY-MM-DD') as due_date,
    tags,
    to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
    to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at,
    to_char(completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as completed_at`;
  return {
    /** The default listing: newest first, ties by id, first page, with the total that matched. */
    async listTasks(userId: string): Promise<TaskPage> {
      const rows = await queryAsOwner(
        sql,
        userId,
        (tx) => tx<(TaskJson & { total: number })[]>`
        select ${columns}, count(*) over ()::int as total from tasks
        where user_id = ${userId}
        order by created_at desc, id desc
        limit ${LIST_LIMIT} offset ${0}`,
      );
      const total = rows.length > 0 ? rows[0]!.total : 0;
      const tasks = rows.map(({ total: _total, ...task }) => task);
      return { tasks, total };
    },

    async createTask(userId: string, title: string, priority: string, tags: string[]) {
      const [row] = await queryAsOwner(
        sql,
        userId,
        (tx) => tx<TaskJson[]>`
        insert into tasks (user_id, title, priority, tags)
        values (${userId}, ${title}, ${priority}::task_priority, ${toTextArrayLiteral(tags)}::text[])
        returning ${columns}`,
      );
      return row!;
    },

    async setCompleted(userId: string, taskId: string, completed: boolean) {
      const [row] = await queryAsOwner(
        sql,
        userId,
        (tx) => tx<TaskJson[]>`
        update tasks set completed = ${completed},
          completed_at = ${completed ? sql`coalesce(completed_at, now())` : sql`null`},
          updated_at = now()
        where user_id = ${userId} and id = ${taskId}
        returning ${columns}`,
      );
      return row ?? null;
    },

    async deleteTask(userId: string, taskId: string): Promise<boolean> {
      const result = await queryAsOwner(
        sql,
        userId,
        (tx) => tx`delete from tasks where user_id = ${userId} and id = ${taskId}`,
      );
      return result.count > 0;
    },
  };
}

export type FloorQueries = ReturnType<typeof createFloorQueries>;
