import type { Priority } from "@ownlist/contract";

/**
 * Copies of `@ownlist/contract`'s PRIORITIES, TASK_LIMITS and LIST_FILTER_LIMITS, so that the
 * browser bundle does not load the contract package's schema modules (see types.ts).
 * `test/tasks/limits.test.ts` fails the moment they differ (docs/contract.md#task).
 */
export const PRIORITIES: readonly Priority[] = ["low", "medium", "high"];

export const TASK_LIMITS = {
  titleMaxLength: 200,
  descriptionMaxLength: 5000,
  tagsMaxCount: 10,
  tagMaxLength: 32,
  listLimitDefault: 100,
  listLimitMax: 500,
} as const;

export const LIST_FILTER_LIMITS = {
  searchMaxLength: 200,
  tagMaxLength: 32,
} as const;
