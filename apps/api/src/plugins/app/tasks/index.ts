import type { PoolHandle } from "@ownlist/db";
import fp from "fastify-plugin";
import { createTasksRepository, type TasksRepository } from "./tasks-repository.ts";

declare module "fastify" {
  interface FastifyInstance {
    tasks: TasksRepository;
  }
}

export interface TasksPluginOptions {
  db: PoolHandle;
  /** API_MAX_TASKS_PER_USER: a create past it is refused (409). */
  maxTasksPerUser: number;
}

/** Decorates the instance with the tasks repository; routes get it from `app.tasks`. */
export default fp<TasksPluginOptions>(
  async function tasksRepository(app, { db, maxTasksPerUser }) {
    app.decorate("tasks", createTasksRepository(db.sql, maxTasksPerUser));
  },
  { name: "tasks-repository" },
);
