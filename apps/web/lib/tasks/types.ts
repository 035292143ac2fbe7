/**
 * The task shapes of docs/contract.md#task, from `@ownlist/contract` (the api's schemas).
 * Types only from the package's main entry: a value import would pull TypeBox's schema builder
 * into the browser bundle (its modules build schemas when loaded, so no bundler can drop them).
 * Values come from the schema-free subpath `@ownlist/contract/limits`.
 */
export type {
  Priority,
  SortOrder,
  TagCount,
  Task,
  TaskCreate,
  TaskPatch,
  TaskReplace,
  TaskSort,
  TaskStatus,
} from "@ownlist/contract";
export {
  PRIORITIES,
  SORT_ORDERS,
  TASK_LIMITS,
  TASK_SORTS,
  TASK_STATUSES,
} from "@ownlist/contract/limits";
import type { Task } from "@ownlist/contract";

/** The writable fields, all present (what a form edits plus completion). */
export type TaskWritable = Pick<
  Task,
  "title" | "description" | "completed" | "priority" | "due_date" | "tags"
>;

/** A problem+json body as received: the api's own always has every field, a proxy's may not. */
export interface ProblemBody {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  request_id?: string;
  errors?: { field: string; message: string }[];
}
