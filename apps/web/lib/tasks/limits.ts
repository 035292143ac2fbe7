import type { Priority } from "@ownlist/contract";

/**
 * Copies of `@ownlist/contract`'s PRIORITIES and TASK_LIMITS, so that the browser bundle does not
 * load the contract package's schema modules (see types.ts). `test/tasks/limits.test.ts` fails
 * the moment they differ from `@ownlist/contract` (docs/contract.md#task).
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
