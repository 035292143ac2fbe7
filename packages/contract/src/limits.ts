/** The numbers and enumerations of docs/contract.md#task and #listing, defined once for all. */
export const TASK_LIMITS = {
  /** Code points, counted after trimming. */
  titleMaxLength: 200,
  /** Code points. The description is stored as given (not trimmed). */
  descriptionMaxLength: 5000,
  /** Distinct tags, counted after trimming and case-insensitive de-duplication. */
  tagsMaxCount: 10,
  /** Code points per tag, counted after trimming. */
  tagMaxLength: 32,
  listLimitDefault: 100,
  listLimitMax: 500,
  /** Ids in one bulk completion (docs/contract.md#bulk-writes); its body stays far below 64 KiB. */
  bulkIdsMax: 1000,
} as const;

/**
 * Longest values of the listing's text filters, in code points (a longer one is a 422 naming the
 * parameter). They bound the work one search can ask of the database: matching a text of n
 * characters costs up to n × the search's length per task.
 */
export const LIST_FILTER_LIMITS = {
  /** `q`: searched in title and description. */
  searchMaxLength: 200,
  /** `tag`: as long as a tag may be; a longer filter could match no task. */
  tagMaxLength: TASK_LIMITS.tagMaxLength,
} as const;

/** Ascending order of importance: sorting by priority ascends low → medium → high. */
export const PRIORITIES = ["low", "medium", "high"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TASK_STATUSES = ["all", "pending", "completed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_SORTS = ["created", "updated", "title", "due_date", "priority"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Dates sort newest first by default; everything else ascends (docs/contract.md#listing). */
export function defaultOrderFor(sort: TaskSort): SortOrder {
  return sort === "title" || sort === "priority" ? "asc" : "desc";
}

/** Largest request body the api accepts, in bytes; one more → 413. */
export const MAX_BODY_BYTES = 65_536;
