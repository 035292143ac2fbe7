import {
  defaultOrderFor,
  TASK_DEFAULTS,
  TASK_LIMITS,
  type TaskBulkComplete,
  type TaskBulkDeleteQuery,
  type TaskComplete,
  type TaskCreate,
  type TaskListQuery,
  type TaskPatch,
  type TaskReplace,
  type Task,
} from "@ownlist/contract";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { fingerprintOf } from "../../../plugins/app/idempotency/fingerprint.ts";
import type {
  KeyedAnswer,
  StoredResponse,
} from "../../../plugins/app/idempotency/idempotency-repository.ts";
import {
  accountDeleted,
  IDEMPOTENCY_KEY_HEADER,
  taskLimitReached,
  taskNotFound,
} from "../../../plugins/app/problems/problem-error.ts";
import type { TaskFields, TaskStatements } from "../../../plugins/app/tasks/tasks-repository.ts";
import { authorizeOwnerPath, bodyOrEmptyObject, requireBody } from "./hooks.ts";
import { ownerOf } from "./request-owner.ts";
import { nextPageLink } from "./next-page-link.ts";
import tagRoutes from "./tags.ts";
import {
  completeTaskSchema,
  completeTasksSchema,
  deleteCompletedTasksSchema,
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

  /**
   * Every write answers through here. Without an `Idempotency-Key` the write runs as it always
   * has; with one, its one statement also stores its answer (`answer` says how: the same answer
   * `write` builds from the rows) in the same transaction and round trip, or changes nothing and
   * the stored answer is replayed (docs/contract.md#idempotency-key). `write` must send at most
   * one statement through the `tasks` it is given; the account check after a write that found
   * nothing reads on the pool (`missing`). Reached only after authentication, the path check and
   * validation (the key's format included).
   */
  async function answerWrite(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: KeyedAnswer,
    write: (tasks: TaskStatements) => Promise<StoredResponse>,
  ): Promise<FastifyReply> {
    const key = request.headers[IDEMPOTENCY_KEY_HEADER] as string | undefined;
    let response: StoredResponse;
    if (key === undefined) {
      response = await write(app.tasks);
    } else {
      const write_ = { ownerId: ownerOf(request), key, fingerprint: fingerprintOf(request) };
      const outcome = await app.idempotency.runPipelined(
        write_,
        answer,
        (scope) => write(app.tasks.within(scope)),
        request.deadline,
      );
      if (outcome.replayed) reply.header("idempotent-replayed", "true");
      response = outcome.response;
    }
    if (response.location !== null) reply.header("location", response.location);
    reply.code(response.status);
    return response.body === null ? reply.send() : reply.send(response.body);
  }

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
      const page = await app.tasks.list(ownerOf(request), options, request.deadline);
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
    async (request, reply) =>
      answerWrite(request, reply, created(request), async (tasks) => {
        const owner = ownerOf(request);
        const result = await tasks.create(owner, withDefaults(request.body), request.deadline);
        if (!result.ok && result.reason === "task_limit") {
          throw taskLimitReached(app.tasks.maxTasksPerUser);
        }
        if (!result.ok) throw accountDeleted();
        const location = created(request).locationPrefix + result.task.id;
        return { status: 201, body: result.task, location };
      }),
  );

  app.get<{ Params: TaskParams }>(
    "/:user_id/tasks/:task_id",
    { schema: getTaskSchema },
    async (request) => {
      return (
        (await app.tasks.find(ownerOf(request), request.params.task_id, request.deadline)) ??
        notFound()
      );
    },
  );

  app.put<{ Params: TaskParams; Body: TaskReplace }>(
    "/:user_id/tasks/:task_id",
    { schema: replaceTaskSchema, preValidation: requireBody },
    async (request, reply) =>
      answerWrite(request, reply, OK_ROW, async (tasks) => {
        const { task_id } = request.params;
        const task = await tasks.replace(
          ownerOf(request),
          task_id,
          withDefaults(request.body),
          request.deadline,
        );
        return ok(task ?? (await missing(app.tasks, request)));
      }),
  );

  app.patch<{ Params: TaskParams; Body: TaskPatch }>(
    "/:user_id/tasks/:task_id",
    { schema: updateTaskSchema, preValidation: requireBody },
    async (request, reply) =>
      answerWrite(request, reply, OK_ROW, async (tasks) => {
        const { task_id } = request.params;
        return ok(
          (await tasks.update(ownerOf(request), task_id, request.body, request.deadline)) ??
            (await missing(app.tasks, request)),
        );
      }),
  );

  app.delete<{ Params: TaskParams }>(
    "/:user_id/tasks/:task_id",
    { schema: deleteTaskSchema },
    async (request, reply) =>
      answerWrite(request, reply, NO_CONTENT, async (tasks) => {
        if (!(await tasks.remove(ownerOf(request), request.params.task_id, request.deadline)))
          await missing(app.tasks, request);
        return { status: 204, body: null, location: null };
      }),
  );

  app.patch<{ Params: TaskParams; Body: TaskComplete }>(
    "/:user_id/tasks/:task_id/complete",
    { schema: completeTaskSchema, preValidation: bodyOrEmptyObject },
    async (request, reply) =>
      answerWrite(request, reply, OK_ROW, async (tasks) => {
        const completed = request.body.completed ?? "toggle";
        const { task_id } = request.params;
        return ok(
          (await tasks.setCompleted(ownerOf(request), task_id, completed, request.deadline)) ??
            (await missing(app.tasks, request)),
        );
      }),
  );

  // Bulk writes: one request and one statement whatever the count, so that what the page says
  // happened happened (docs/contract.md#bulk-writes).
  app.delete<{ Params: UserParams; Querystring: TaskBulkDeleteQuery }>(
    "/:user_id/tasks",
    { schema: deleteCompletedTasksSchema },
    async (request, reply) =>
      answerWrite(request, reply, OK_BULK, async (tasks) => {
        const ids = await tasks.removeCompleted(ownerOf(request), request.deadline);
        if (ids.length === 0) await refuseIfAccountDeleted(app.tasks, request);
        return { status: 200, body: { count: ids.length, ids }, location: null };
      }),
  );

  app.post<{ Params: UserParams; Body: TaskBulkComplete }>(
    "/:user_id/tasks/complete",
    { schema: completeTasksSchema, preValidation: requireBody },
    async (request, reply) =>
      answerWrite(request, reply, OK_BULK, async (tasks) => {
        const { completed, ids } = request.body;
        const changed = await tasks.setCompletedMany(
          ownerOf(request),
          completed,
          ids,
          request.deadline,
        );
        if (changed.length === 0) await refuseIfAccountDeleted(app.tasks, request);
        return { status: 200, body: { count: changed.length, ids: changed }, location: null };
      }),
  );

  await app.register(tagRoutes);
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

/** What a keyed write stores, per kind of write (the unkeyed answers below say the same). */
const OK_ROW: KeyedAnswer = { status: 200, locationPrefix: null, shape: "row" };
const NO_CONTENT: KeyedAnswer = { status: 204, locationPrefix: null, shape: "row" };
const OK_BULK: KeyedAnswer = { status: 200, locationPrefix: null, shape: "bulk" };

/** A create answers 201 with the new task's Location. */
function created(request: FastifyRequest): KeyedAnswer & { locationPrefix: string } {
  const locationPrefix = `/api/${encodeURIComponent(ownerOf(request))}/tasks/`;
  return { status: 201, locationPrefix, shape: "row" };
}

function ok(task: Task): StoredResponse {
  return { status: 200, body: task, location: null };
}

function notFound(): never {
  throw taskNotFound();
}

/**
 * A write found no task: 404, unless the token's person has deleted their account since it was
 * issued — then 401, as for a create (docs/contract.md#writes). Only this path asks.
 */
async function missing(tasks: TaskStatements, request: FastifyRequest): Promise<never> {
  await refuseIfAccountDeleted(tasks, request);
  return notFound();
}

/**
 * A bulk write that changed nothing asks too: a deleted person's token gets 401 on every write
 * (docs/contract.md#writes), and writes that change something pay nothing for it.
 */
async function refuseIfAccountDeleted(
  tasks: TaskStatements,
  request: FastifyRequest,
): Promise<void> {
  if (!(await tasks.ownerExists(ownerOf(request), request.deadline))) throw accountDeleted();
}
