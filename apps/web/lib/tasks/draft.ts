import { normalizeTags, normalizeTaskFields } from "@ownlist/contract/normalize";
import { CALENDAR_DATE_PATTERN, codePointLength, NO_NUL_PATTERN } from "@ownlist/contract/strings";
import { type FieldErrors, fieldName } from "./problem.ts";
import { type Priority, TASK_LIMITS, type Task, type TaskWritable } from "./types.ts";

/** What the add and edit forms hold: plain strings, as typed. */
export interface TaskDraft {
  title: string;
  description: string;
  priority: Priority;
  dueDate: string;
  tags: string;
}

export const EMPTY_DRAFT: TaskDraft = {
  title: "",
  description: "",
  priority: "medium",
  dueDate: "",
  tags: "",
};

export function draftFromTask(task: Task): TaskDraft {
  return {
    title: task.title,
    description: task.description ?? "",
    priority: task.priority,
    dueDate: task.due_date ?? "",
    tags: task.tags.join(", "),
  };
}

/** What a person types between commas, before the api's tag rules apply: `#` and blanks dropped. */
function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((raw) => raw.trim().replace(/^#/, "").trim())
    .filter((tag) => tag !== "");
}

/** Comma-separated tags → what the api would store: trimmed, unique ignoring case, valid ones. */
export function parseTags(text: string): string[] {
  return normalizeTags(splitTags(text)).value;
}

const CALENDAR_DATE = new RegExp(CALENDAR_DATE_PATTERN);
const NO_NUL = new RegExp(NO_NUL_PATTERN);

function isCalendarDate(text: string): boolean {
  if (!CALENDAR_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Everything a form edits (completion has its own control). */
export type TaskFields = Omit<TaskWritable, "completed">;

export type DraftResult = { ok: true; value: TaskFields } | { ok: false; errors: FieldErrors };

/**
 * The api's own rules (docs/contract.md#task, from `@ownlist/contract/normalize`), checked before
 * sending so that a person sees them at once, in the form's words; the api stays the authority and
 * its 422s land in the same fields.
 */
export function validateDraft(draft: TaskDraft): DraftResult {
  const typedTags = splitTags(draft.tags);
  const checked = normalizeTaskFields({
    title: draft.title,
    // A blank description is no description: the form clears it rather than storing spaces.
    description: draft.description.trim(),
    tags: typedTags,
  });
  const { title, description, tags } = checked.value;
  const errors: FieldErrors = {};
  for (const error of checked.errors) {
    const field = fieldName(error.field);
    if (field === "title")
      errors.title ??=
        title === ""
          ? "Give the task a title."
          : `A title can have at most ${TASK_LIMITS.titleMaxLength} characters; this one has ${codePointLength(title)}.`;
    else if (field === "description")
      errors.description ??= `A description can have at most ${TASK_LIMITS.descriptionMaxLength} characters; this one has ${codePointLength(description)}.`;
    else if (error.field === "tags")
      // Too many tags says more than one tag too long, so it replaces that message.
      errors.tags = `Use at most ${TASK_LIMITS.tagsMaxCount} tags (there are ${tags.length}).`;
    else {
      const long = typedTags[Number(/\d+/.exec(error.field)?.[0])] ?? "";
      errors.tags ??= `A tag can have at most ${TASK_LIMITS.tagMaxLength} characters (“${long.slice(0, 12)}…” is longer).`;
    }
  }
  if (draft.dueDate !== "" && !isCalendarDate(draft.dueDate))
    errors.due_date = "Pick a valid date.";
  for (const [field, value] of Object.entries({ title, description, tags: draft.tags })) {
    if (!NO_NUL.test(value)) errors[field] ??= "Remove the invisible NUL character.";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      description: description === "" ? null : description,
      priority: draft.priority,
      due_date: draft.dueDate === "" ? null : draft.dueDate,
      tags,
    },
  };
}

/** Only the fields that changed, for a PATCH that does not overwrite a concurrent edit elsewhere. */
export function changedFields(task: Task, value: TaskFields): Partial<TaskFields> {
  const patch: Partial<TaskFields> = {};
  if (value.title !== task.title) patch.title = value.title;
  if (value.description !== task.description) patch.description = value.description;
  if (value.priority !== task.priority) patch.priority = value.priority;
  if (value.due_date !== task.due_date) patch.due_date = value.due_date;
  if (value.tags.join("\u0000") !== task.tags.join("\u0000")) patch.tags = value.tags;
  return patch;
}
