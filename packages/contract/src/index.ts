/**
 * Ownlist's api contract (docs/contract.md) as data: TypeBox schemas (which are JSON Schema, so
 * they drive the api's validation, its response serialization and its OpenAPI document) and their
 * TypeScript types. No I/O. Loading this entry builds every schema, so the browser imports the
 * schema-free parts through their own subpaths instead (package.json `exports`).
 */
export {
  defaultOrderFor,
  LIST_FILTER_LIMITS,
  MAX_BODY_BYTES,
  PRIORITIES,
  type Priority,
  SORT_ORDERS,
  type SortOrder,
  TASK_LIMITS,
  TASK_SORTS,
  TASK_STATUSES,
  type TaskSort,
  type TaskStatus,
} from "./limits.ts";
export { TaskListQuery } from "./list-query.ts";
export {
  type NormalizableFields,
  type NormalizedFields,
  normalizeTags,
  normalizeTaskFields,
} from "./normalize.ts";
export { Problem, ProblemFieldError, RefusedRow } from "./problem.ts";
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemType } from "./problem-types.ts";
export { CALENDAR_DATE_PATTERN, codePointLength, NO_NUL_PATTERN } from "./strings.ts";
export {
  CalendarDate,
  PrioritySchema,
  Task,
  TASK_DEFAULTS,
  TaskComplete,
  TaskCreate,
  TaskList,
  TaskPatch,
  TaskReplace,
} from "./task.ts";
export {
  CSV_COLUMNS,
  CSV_IMPORTED_COLUMNS,
  CSV_TAG_SEPARATOR,
  type CsvColumn,
  EXPORT_FORMAT,
  EXPORT_FORMATS,
  EXPORT_MEDIA_TYPES,
  EXPORT_VERSION,
  type ExportFormat,
  exportFileName,
  guardCsvCell,
  joinTags,
  splitTags,
  unguardCsvCell,
} from "./transfer.ts";
export {
  ExportDocument,
  ExportQuery,
  ImportedTask,
  ImportQuery,
  ImportSummary,
} from "./transfer-schemas.ts";
