import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { PRIORITIES, type Priority, TASK_LIMITS } from "./limits.ts";
import { CALENDAR_DATE_PATTERN, NO_NUL_PATTERN } from "./strings.ts";

/** `type: [T, "null"]` (OpenAPI 3.1 / JSON Schema), which validates and serializes plainly. */
export function nullable<T extends TSchema>(schema: T): TSchema & { static: Static<T> | null } {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, "null"] });
}

const text = (options: Record<string, unknown> = {}) =>
  Type.String({ pattern: NO_NUL_PATTERN, ...options });

export const PrioritySchema = Type.Unsafe<Priority>({ type: "string", enum: [...PRIORITIES] });

export const CalendarDate = Type.String({
  format: "date",
  pattern: CALENDAR_DATE_PATTERN,
  description: "A calendar date, YYYY-MM-DD (years 0001..9999).",
  examples: ["2026-12-01"],
});

export const Timestamp = Type.String({
  format: "date-time",
  examples: ["2026-11-22T10:00:00.000Z"],
});

/** A task as the api returns it. */
export const Task = Type.Object(
  {
    id: Type.String({
      format: "uuid",
      description: "Random UUID: not guessable, never sequential.",
    }),
    user_id: Type.String({ description: "The owner. Never writable by a client." }),
    title: Type.String({ minLength: 1, maxLength: TASK_LIMITS.titleMaxLength }),
    description: nullable(Type.String({ maxLength: TASK_LIMITS.descriptionMaxLength })),
    completed: Type.Boolean(),
    priority: PrioritySchema,
    due_date: nullable(CalendarDate),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: TASK_LIMITS.tagMaxLength }), {
      maxItems: TASK_LIMITS.tagsMaxCount,
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
    completed_at: nullable(Timestamp),
  },
  { title: "Task", additionalProperties: false },
);
export type Task = Static<typeof Task>;

export const TaskList = Type.Array(Task, { title: "TaskList" });
export type TaskList = Static<typeof TaskList>;

// Limits that apply after trimming or de-duplication are checked by normalizeTaskFields
// (normalize.ts); the schemas below check types, names, enumerations, dates and NUL characters.
export const writableFields = {
  title: text({
    description: `Trimmed, then 1..${TASK_LIMITS.titleMaxLength} characters (code points).`,
    examples: ["Buy milk"],
  }),
  description: nullable(
    text({ description: `0..${TASK_LIMITS.descriptionMaxLength} characters, or null.` }),
  ),
  completed: Type.Boolean(),
  priority: { ...PrioritySchema, description: 'Default "medium". Sorts low → medium → high.' },
  due_date: nullable(CalendarDate),
  tags: Type.Array(
    text({ description: `Trimmed, then 1..${TASK_LIMITS.tagMaxLength} characters.` }),
    {
      description: `Up to ${TASK_LIMITS.tagsMaxCount} distinct tags. Duplicates (ignoring case) are dropped, keeping the first spelling.`,
    },
  ),
};

const optional = {
  description: Type.Optional(writableFields.description),
  completed: Type.Optional(writableFields.completed),
  priority: Type.Optional(writableFields.priority),
  due_date: Type.Optional(writableFields.due_date),
  tags: Type.Optional(writableFields.tags),
};

/** POST body. Omitted fields take their defaults. */
export const TaskCreate = Type.Object(
  { title: writableFields.title, ...optional },
  { title: "TaskCreate", additionalProperties: false },
);
export type TaskCreate = Static<typeof TaskCreate>;

/** PUT body: a full replace. Every omitted writable field goes back to its default. */
export const TaskReplace = Type.Object(
  { title: writableFields.title, ...optional },
  { title: "TaskReplace", additionalProperties: false },
);
export type TaskReplace = Static<typeof TaskReplace>;

/** PATCH body: only the fields present change; `{}` changes nothing. */
export const TaskPatch = Type.Object(
  { title: Type.Optional(writableFields.title), ...optional },
  { title: "TaskPatch", additionalProperties: false },
);
export type TaskPatch = Static<typeof TaskPatch>;

/** `/complete` body: `{"completed": bool}` sets it; `{}` (or no body at all) toggles. */
export const TaskComplete = Type.Object(
  { completed: Type.Optional(Type.Boolean()) },
  { title: "TaskComplete", additionalProperties: false },
);
export type TaskComplete = Static<typeof TaskComplete>;

/** Defaults of the writable fields (POST and PUT). */
export const TASK_DEFAULTS = {
  description: null,
  completed: false,
  priority: "medium",
  due_date: null,
  tags: [],
} as const satisfies Omit<Required<TaskCreate>, "title">;
