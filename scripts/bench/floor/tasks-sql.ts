import type postgres from "postgres";
import { toTextArrayLiteral } from "../lib/pg-array.ts";

/**
 * floor-db's queries, written by hand with postgres.js tagged templates (which postgres.js
 * prepares once per connection). They return rows already in the contract's JSON shape
 * (snake_case columns, `due_date` as YYYY-MM-DD), so serialising is one `JSON.stringify`.
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
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export interface TaskPage {
  tasks: TaskJson[];
  total: number;
}

const LIST_LIMIT = 100;

export function createFloorQueries(sql: postgres.Sql) {
  return {
    /** The default listing: newest first, ties by id, first page, with the total that matched. */
    async listTasks(userId: string): Promise<TaskPage> {
      const rows = await sql<(TaskJson & { total: string })[]>`
        select id, user_id, title, description, completed, priority, due_date::text as due_date,
               tags, created_at, updated_at, completed_at, count(*) over () as total
        from tasks where user_id = ${userId}
        order by created_at desc, id desc limit ${LIST_LIMIT}`;
      const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
      const tasks = rows.map(({ total: _total, ...task }) => task);
      return { tasks, total };
    },

    async createTask(userId: string, title: string, priority: string, tags: string[]) {
      const [row] = await sql<TaskJson[]>`
        insert into tasks (user_id, title, priority, tags)
        values (${userId}, ${title}, ${priority}::task_priority, ${toTextArrayLiteral(tags)}::text[])
        returning id, user_id, title, description, completed, priority, due_date::text as due_date,
                  tags, created_at, updated_at, completed_at`;
      return row!;
    },

    async setCompleted(userId: string, taskId: string, completed: boolean) {
      const [row] = await sql<TaskJson[]>`
        update tasks set completed = ${completed},
          completed_at = case when ${completed}::boolean then coalesce(completed_at, now()) end,
          updated_at = now()
        where id = ${taskId} and user_id = ${userId}
        returning id, user_id, title, description, completed, priority, due_date::text as due_date,
                  tags, created_at, updated_at, completed_at`;
      return row ?? null;
    },

    async deleteTask(userId: string, taskId: string): Promise<boolean> {
      const result = await sql`delete from tasks where id = ${taskId} and user_id = ${userId}`;
      return result.count > 0;
    },
  };
}

export type FloorQueries = ReturnType<typeof createFloorQueries>;
