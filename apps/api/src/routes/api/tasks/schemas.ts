import {
  TagList,
  Task,
  TaskBulkComplete,
  TaskBulkDeleteQuery,
  TaskBulkResult,
  TaskComplete,
  TaskCreate,
  TaskList,
  TaskListQuery,
  TaskPatch,
  TaskReplace,
} from "@ownlist/contract";
import { type Static, Type } from "@sinclair/typebox";
import {
  API_ERROR_RESPONSES,
  BODY_ERROR_RESPONSES,
  problemResponse,
} from "../../problem-responses.ts";

/** Route schemas, composed from @ownlist/contract: they drive validation, serialization, docs. */

const UserParams = Type.Object({
  user_id: Type.String({ description: "Must be the token's `sub`, else 403." }),
});
export type UserParams = Static<typeof UserParams>;

const TaskParams = Type.Object({
  user_id: UserParams.properties.user_id,
  task_id: Type.String({ description: "The task's UUID." }),
});
export type TaskParams = Static<typeof TaskParams>;

/**
 * Tag, security and the responses every task route can give (the /api-wide ones and 403), added
 * here so that no route can leave them out of the OpenAPI document. The `operationId` is required:
 * generated clients name their methods after it, so it must not change (docs/api.md lists them).
 */
function taskRoute<Schema extends { operationId: string; response: object }>(schema: Schema) {
  return {
    tags: ["tasks"],
    security: [{ bearerAuth: [] }],
    ...schema,
    response: {
      ...API_ERROR_RESPONSES,
      403: problemResponse("The user in the path is not the token's user."),
      ...schema.response,
    },
  };
}

/**
 * The writes' optional `Idempotency-Key` (docs/contract.md#idempotency-key): validated with the
 * rest of the request, before the key is looked up.
 */
const KeyedWriteHeaders = Type.Object({
  "idempotency-key": Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: "^[!-~]+$",
      description:
        "1 to 255 visible ASCII characters, new for each logical write. A retry with the same key and the same request gets the first answer again, with `Idempotent-Replayed: true`, and changes nothing; kept API_IDEMPOTENCY_TTL_HOURS (24 h).",
    }),
  ),
});

/** A write: the key's own answers (409 while its first request runs; 422 names the header). */
const keyed = {
  409: problemResponse(
    "A request with this `Idempotency-Key` is still running (`urn:ownlist:problem:request-in-progress`); see Retry-After.",
    { "Retry-After": { type: "integer", description: "Seconds to wait before trying again." } },
  ),
};

/** A route that reads a JSON body. */
const withBody = {
  ...BODY_ERROR_RESPONSES,
  422: problemResponse(
    "A field is invalid, or the `Idempotency-Key` is malformed or was used for another request: one entry per field in `errors`.",
  ),
};
const missingTask = {
  404: problemResponse("No such task (or it is someone else's: same answer)."),
};

export const listTasksSchema = taskRoute({
  operationId: "listTasks",
  summary: "List the user's tasks",
  description:
    'Filters, search, sorting and pagination. `X-Total-Count` gives how many matched; `Link: <…>; rel="next"` (a path-relative URL) is present while more remain.',
  params: UserParams,
  querystring: TaskListQuery,
  response: {
    200: TaskList,
    422: problemResponse("A query parameter has an invalid value."),
  },
});

export const listTagsSchema = taskRoute({
  operationId: "listTags",
  summary: "List the user's tags",
  description:
    "Every tag on the user's tasks (all of them, whatever page a client has loaded), once per spelling ignoring case, with how many tasks carry it; sorted by tag ignoring case. Each `tag` given back as the listing's `tag` parameter finds exactly its `count` tasks.",
  params: UserParams,
  response: { 200: TagList },
});

export const createTaskSchema = taskRoute({
  operationId: "createTask",
  summary: "Create a task",
  description: "201 with the task and a `Location` header (a path-relative URL).",
  params: UserParams,
  headers: KeyedWriteHeaders,
  body: TaskCreate,
  response: {
    201: Task,
    ...withBody,
    409: problemResponse(
      "The user already owns the maximum number of tasks (`urn:ownlist:problem:task-limit`, API_MAX_TASKS_PER_USER): delete some first; or a request with this `Idempotency-Key` is still running (`urn:ownlist:problem:request-in-progress`, see Retry-After).",
      keyed[409].headers,
    ),
  },
});

export const getTaskSchema = taskRoute({
  operationId: "getTask",
  summary: "Get a task",
  description: "The task with this id, if the user owns it.",
  params: TaskParams,
  response: { 200: Task, ...missingTask },
});

export const replaceTaskSchema = taskRoute({
  operationId: "replaceTask",
  summary: "Replace a task",
  description:
    "Full replace: `title` is required; every omitted writable field returns to its default.",
  params: TaskParams,
  headers: KeyedWriteHeaders,
  body: TaskReplace,
  response: { 200: Task, ...missingTask, ...withBody, ...keyed },
});

export const updateTaskSchema = taskRoute({
  operationId: "updateTask",
  summary: "Update some fields of a task",
  description: "Only the fields present change; `{}` changes nothing and returns the task.",
  params: TaskParams,
  headers: KeyedWriteHeaders,
  body: TaskPatch,
  response: { 200: Task, ...missingTask, ...withBody, ...keyed },
});

export const deleteTaskSchema = taskRoute({
  operationId: "deleteTask",
  summary: "Delete a task",
  description: "204 with no body; the task is gone for good (there is no undo on the api).",
  params: TaskParams,
  headers: KeyedWriteHeaders,
  response: {
    204: { description: "Deleted.", type: "null" },
    ...missingTask,
    // A DELETE needs no body, but one sent is parsed like any other.
    ...BODY_ERROR_RESPONSES,
    ...keyed,
    422: problemResponse("The `Idempotency-Key` is malformed or was used for another request."),
  },
});

export const completeTaskSchema = taskRoute({
  operationId: "completeTask",
  summary: "Complete, reopen or toggle a task",
  description:
    '`{"completed": true|false}` sets it; no body (or `{}`) toggles. `completed_at` is set when the task becomes completed, cleared when it becomes pending, kept otherwise.',
  params: TaskParams,
  headers: KeyedWriteHeaders,
  body: TaskComplete,
  response: { 200: Task, ...missingTask, ...withBody, ...keyed },
});

export const deleteCompletedTasksSchema = taskRoute({
  operationId: "deleteCompletedTasks",
  summary: "Delete every completed task",
  description:
    '`?status=completed` is required (the only bulk delete there is). One statement: every completed task of the user is gone, or none is. 200 with how many and which; `{"count": 0, "ids": []}` when there were none.',
  params: UserParams,
  querystring: TaskBulkDeleteQuery,
  headers: KeyedWriteHeaders,
  response: {
    200: TaskBulkResult,
    // A DELETE needs no body, but one sent is parsed like any other.
    ...BODY_ERROR_RESPONSES,
    ...keyed,
    422: problemResponse(
      "`status` is missing or not `completed`, or the `Idempotency-Key` is malformed or was used for another request.",
    ),
  },
});

export const completeTasksSchema = taskRoute({
  operationId: "completeTasks",
  summary: "Complete or reopen many tasks",
  description:
    "`completed` for each listed task of the user, or for every task of the user without `ids`, in one statement. Tasks already in that state, and ids of no task of the user, are left alone: the answer counts and lists only the tasks changed (send them back with the opposite value to undo).",
  params: UserParams,
  headers: KeyedWriteHeaders,
  body: TaskBulkComplete,
  response: { 200: TaskBulkResult, ...withBody, ...keyed },
});
