import {
  Problem,
  Task,
  TaskComplete,
  TaskCreate,
  TaskList,
  TaskListQuery,
  TaskPatch,
  TaskReplace,
} from "@ownlist/contract";
import { type Static, Type } from "@sinclair/typebox";

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

function problem(description: string) {
  return { description, content: { "application/problem+json": { schema: Problem } } };
}

const always = {
  401: problem("No token, or the token failed a rule (see WWW-Authenticate)."),
  403: problem("The user in the path is not the token's user."),
  503: problem("The database is unavailable; see Retry-After."),
};
const withBody = {
  400: problem("Malformed JSON, or an empty body where one is required."),
  413: problem("Body over 65,536 bytes."),
  415: problem("A body without Content-Type: application/json."),
  422: problem("A field is invalid: one entry per field in `errors`."),
};
const missingTask = { 404: problem("No such task (or it is someone else's: same answer).") };
const common = { tags: ["tasks"], security: [{ bearerAuth: [] }] };

export const listTasksSchema = {
  ...common,
  summary: "List the user's tasks",
  description:
    'Filters, search, sorting and pagination. `X-Total-Count` gives how many matched; `Link: <…>; rel="next"` (a path-relative URL) is present while more remain.',
  params: UserParams,
  querystring: TaskListQuery,
  response: {
    200: TaskList,
    ...always,
    422: problem("A query parameter has an invalid value."),
  },
};

export const createTaskSchema = {
  ...common,
  summary: "Create a task",
  description: "201 with the task and a `Location` header (a path-relative URL).",
  params: UserParams,
  body: TaskCreate,
  response: { 201: Task, ...always, ...withBody },
};

export const getTaskSchema = {
  ...common,
  summary: "Get a task",
  params: TaskParams,
  response: { 200: Task, ...always, ...missingTask },
};

export const replaceTaskSchema = {
  ...common,
  summary: "Replace a task",
  description:
    "Full replace: `title` is required; every omitted writable field returns to its default.",
  params: TaskParams,
  body: TaskReplace,
  response: { 200: Task, ...always, ...missingTask, ...withBody },
};

export const updateTaskSchema = {
  ...common,
  summary: "Update some fields of a task",
  description: "Only the fields present change; `{}` changes nothing and returns the task.",
  params: TaskParams,
  body: TaskPatch,
  response: { 200: Task, ...always, ...missingTask, ...withBody },
};

export const deleteTaskSchema = {
  ...common,
  summary: "Delete a task",
  params: TaskParams,
  response: { 204: { description: "Deleted.", type: "null" }, ...always, ...missingTask },
};

export const completeTaskSchema = {
  ...common,
  summary: "Complete, reopen or toggle a task",
  description:
    '`{"completed": true|false}` sets it; no body (or `{}`) toggles. `completed_at` is set when the task becomes completed, cleared when it becomes pending, kept otherwise.',
  params: TaskParams,
  body: TaskComplete,
  response: { 200: Task, ...always, ...missingTask, ...withBody },
};
