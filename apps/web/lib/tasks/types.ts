/**
 * The task shapes of contract §4, from `@ownlist/contract` (the schemas the api validates with).
 * Type-only imports are erased; the two constants are plain objects. The UI imports from here.
 */
export type {
  Priority,
  SortOrder,
  Task,
  TaskCreate,
  TaskPatch,
  TaskReplace,
  TaskSort,
  TaskStatus,
} from "@ownlist/contract";
export { PRIORITIES, TASK_LIMITS } from "@ownlist/contract";
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
