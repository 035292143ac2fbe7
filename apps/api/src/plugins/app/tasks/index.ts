import type { PoolHandle } from "@ownlist/db";
import fp from "fastify-plugin";
import { createTasksRepository, type TasksRepository } from "./tasks-repository.ts";
import { createTransferRepository, type TransferRepository } from "./transfer-repository.ts";

declare module "fastify" {
  interface FastifyInstance {
    tasks: TasksRepository;
    /** Export and import: every task of an owner at once (docs/contract.md#export, #import). */
    taskTransfer: TransferRepository;
  }
}

export interface TasksPluginOptions {
  db: PoolHandle;
  /** API_MAX_TASKS_PER_USER: a create past it is refused (409). */
  maxTasksPerUser: number;
  /** API_IDEMPOTENCY_TTL_HOURS: how long an imported file is recognised. */
  rememberImportsHours: number;
  /** API_EXPORT_TIMEOUT_SECONDS. */
  exportTimeoutSeconds: number;
}

/** Decorates the instance with the tasks repositories; routes get them from `app.tasks`, `app.taskTransfer`. */
export default fp<TasksPluginOptions>(
  async function tasksRepository(app, { db, maxTasksPerUser, ...transfer }) {
    app.decorate("tasks", createTasksRepository(db.sql, maxTasksPerUser));
    app.decorate(
      "taskTransfer",
      createTransferRepository(db.sql, { maxTasksPerUser, ...transfer }),
    );
  },
  { name: "tasks-repository" },
);
