import { type Static, Type } from "@sinclair/typebox";
import {
  LIST_FILTER_LIMITS,
  SORT_ORDERS,
  TASK_LIMITS,
  TASK_SORTS,
  TASK_STATUSES,
} from "./limits.ts";
import { CALENDAR_DATE_PATTERN, NO_NUL_PATTERN } from "./strings.ts";
import { PrioritySchema } from "./task.ts";

/**
 * A date filter: a CalendarDate without its `examples`, which API explorers send as the value
 * (the api reference's "Test Request" filtered every listing down to one day, most often `[]`).
 */
const dateFilter = (description: string) =>
  Type.String({ format: "date", pattern: CALENDAR_DATE_PATTERN, description });

/**
 * Query parameters of `GET /api/{user_id}/tasks`. Unknown parameters are ignored; a known one with
 * an invalid value is a 422. Numbers arrive as query-string text and are read as integers.
 */
export const TaskListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Unsafe<(typeof TASK_STATUSES)[number]>({
        type: "string",
        enum: [...TASK_STATUSES],
        default: "all",
      }),
    ),
    q: Type.Optional(
      Type.String({
        maxLength: LIST_FILTER_LIMITS.searchMaxLength,
        pattern: NO_NUL_PATTERN,
        description: `Case-insensitive text search in title, description and tags, at most ${LIST_FILTER_LIMITS.searchMaxLength} characters. Empty: no filter.`,
      }),
    ),
    priority: Type.Optional(PrioritySchema),
    tag: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: LIST_FILTER_LIMITS.tagMaxLength,
        pattern: NO_NUL_PATTERN,
        description: `Tasks carrying this tag (trimmed, matched ignoring case), at most ${LIST_FILTER_LIMITS.tagMaxLength} characters.`,
      }),
    ),
    due_before: Type.Optional(dateFilter("Due on or before this date (YYYY-MM-DD).")),
    due_after: Type.Optional(dateFilter("Due on or after this date (YYYY-MM-DD).")),
    sort: Type.Optional(
      Type.Unsafe<(typeof TASK_SORTS)[number]>({
        type: "string",
        enum: [...TASK_SORTS],
        default: "created",
      }),
    ),
    order: Type.Optional(
      Type.Unsafe<(typeof SORT_ORDERS)[number]>({
        type: "string",
        enum: [...SORT_ORDERS],
        description:
          "Default desc for created, updated and due_date; asc for title and priority. Tasks without a due date come last either way; ties break by created_at, then id, in the same order.",
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: TASK_LIMITS.listLimitMax,
        default: TASK_LIMITS.listLimitDefault,
      }),
    ),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 })),
  },
  { title: "TaskListQuery" },
);
export type TaskListQuery = Static<typeof TaskListQuery>;
