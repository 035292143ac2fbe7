import type { DbHandle } from "@ownlist/db";
import fp from "fastify-plugin";
import { createTasksRepository, type TasksRepository } from "./tasks-repository.ts";

declare module "fastify" {
  interface FastifyInstance {
    tasks: TasksRepository;
  }
}

export interface TasksPluginOptions {
  db: DbHandle;
}

/** Decorates the instance with the tasks repository; routes get it from `app.tasks`. */
export default fp<TasksPluginOptions>(
  async function tasksRepository(app, { db }) {
    app.decorate("tasks", createTasksRepository(db.sql));
  },
  { name: "tasks-repository" },
);
