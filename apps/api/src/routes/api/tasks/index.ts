import {
  defaultOrderFor,
  TASK_DEFAULTS,
  TASK_LIMITS,
  type TaskComplete,
  type TaskCreate,
  type TaskListQuery,
  type TaskPatch,
  type TaskReplace,
} from "@ownlist/contract";
import type { FastifyPluginAsync } from "fastify";
import {
  invalidToken,
  taskLimitReached,
  taskNotFound,
} from "../../../plugins/app/problems/problem-error.ts";
import type { TaskFields } from "../../../plugins/app/tasks/tasks-repository.ts";
import { authorizeOwnerPath, bodyOrEmptyObject, requireBody } from "./hooks.ts";
import { ownerOf } from "./request-owner.ts";
import { nextPageLink } from "./next-page-link.ts";
import {
  completeTaskSchema,
  createTaskSchema,
  deleteTaskSchema,
  getTaskSchema,
  listTasksSchema,
  replaceTaskSchema,
  type TaskParams,
  type UserParams,
  updateTaskSchema,
} from "./schemas.ts";

/**
 * `/api/{user_id}/tasks…`. Bodies arrive validated and normalized (trimmed, de-duplicated) by the
 * validator compiler; every repository call is keyed by the token's subject.
 */
const taskRoutes: FastifyPluginAsync = async (app) => {
  // Route-level, after the authentication hook each /api route starts with (decision 023): an
  // instance-level hook would run before it and could answer 403 to a request never verified.
  app.addHook("onRoute", (route) => {
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...own, authorizeOwnerPath];
  });

  app.get<{ Params: UserParams; Querystring: TaskListQuery }>(
    "/:user_id/tasks",
    { schema: listTasksSchema },
    async (request, reply) => {
      const query = request.query;
      const sort = query.sort ?? "created";
      const options = {
        ...query,
        status: query.status ?? "all",
        sort,
        order: query.order ?? defaultOrderFor(sort),
        limit: query.limit ?? TASK_LIMITS.listLimitDefault,
        offset: query.offset ?? 0,
      };
      const page = await app.tasks.list(ownerOf(request), options);
      reply.header("x-total-count", String(page.total));
      if (options.offset + page.tasks.length < page.total) {
        reply.header("link", nextPageLink(request.url, options.offset + page.tasks.length));
      }
      return page.tasks;
    },
  );

  app.post<{ Params: UserParams; Body: TaskCreate }>(
    "/:user_id/tasks",
    { schema: createTaskSchema, preValidation: requireBody },
    async (request, reply) => {
      const owner = ownerOf(request);
      const result = await app.tasks.create(owner, withDefaults(request.body));
      if (!result.ok && result.reason === "task_limit") {
        throw taskLimitReached(app.tasks.maxTasksPerUser);
      }
      if (!result.ok) {
        throw invalidToken(
          "unknown_user",
          "The account this token was issued for no longer exists.",
        );
      }
      const location = `/api/${encodeURIComponent(owner)}/tasks/${result.task.id}`;
      return reply.code(201).header("location", location).send(result.task);
    },
  );

  app.get<{ Params: TaskParams }>(
    "/:user_id/tasks/:task_id",
    { schema: getTaskSchema },
    async (request) => {
      return (await app.tasks.find(ownerOf(request), request.params.task_id)) ?? notFound();
    },
  );

  app.put<{ Params: TaskParams; Body: TaskReplace }>(
    "/:user_id/tasks/:task_id",
    { schema: replaceTaskSchema, preValidation: requireBody },
    async (request) => {
      const { task_id } = request.params;
      const task = await app.tasks.replace(ownerOf(request), task_id, withDefaults(request.body));
      return task ?? notFound();
    },
  );

  app.patch<{ Params: TaskParams; Body: TaskPatch }>(
    "/:user_id/tasks/:task_id",
    { schema: updateTaskSchema, preValidation: requireBody },
    async (request) => {
      const { task_id } = request.params;
      return (await app.tasks.update(ownerOf(request), task_id, request.body)) ?? notFound();
    },
  );

  app.delete<{ Params: TaskParams }>(
    "/:user_id/tasks/:task_id",
    { schema: deleteTaskSchema },
    async (request, reply) => {
      if (!(await app.tasks.remove(ownerOf(request), request.params.task_id))) notFound();
      return reply.code(204).send();
    },
  );

  app.patch<{ Params: TaskParams; Body: TaskComplete }>(
    "/:user_id/tasks/:task_id/complete",
    { schema: completeTaskSchema, preValidation: bodyOrEmptyObject },
    async (request) => {
      const completed = request.body.completed ?? "toggle";
      const { task_id } = request.params;
      return (await app.tasks.setCompleted(ownerOf(request), task_id, completed)) ?? notFound();
    },
  );
};

export default taskRoutes;

/** POST and PUT: every writable field the body leaves out takes its default. */
function withDefaults(body: TaskCreate): TaskFields {
  return {
    title: body.title,
    description: body.description ?? TASK_DEFAULTS.description,
    completed: body.completed ?? TASK_DEFAULTS.completed,
    priority: body.priority ?? TASK_DEFAULTS.priority,
    due_date: body.due_date ?? TASK_DEFAULTS.due_date,
    tags: body.tags ?? [],
  };
}

function notFound(): never {
  throw taskNotFound();
}
