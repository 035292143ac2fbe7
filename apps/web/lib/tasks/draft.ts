import type { FieldErrors } from "./problem.ts";
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

/** Lengths count Unicode code points (docs/contract.md#task), not UTF-16 units ("🙂" is one). */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Comma-separated tags → trimmed, non-empty, unique case-insensitively (first spelling wins). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim().replace(/^#/, "").trim();
    if (tag === "" || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Everything a form edits (completion has its own control). */
export type TaskFields = Omit<TaskWritable, "completed">;

export type DraftResult = { ok: true; value: TaskFields } | { ok: false; errors: FieldErrors };

/**
 * The same rules the api enforces (docs/contract.md#task), checked before sending so that a
 * person sees them at once; the api stays the authority and its 422s land in the same fields.
 */
export function validateDraft(draft: TaskDraft): DraftResult {
  const errors: FieldErrors = {};
  const title = draft.title.trim();
  const description = draft.description.trim();
  const tags = parseTags(draft.tags);
  if (title === "") errors.title = "Give the task a title.";
  else if (codePoints(title) > TASK_LIMITS.titleMaxLength)
    errors.title = `A title can have at most ${TASK_LIMITS.titleMaxLength} characters; this one has ${codePoints(title)}.`;
  if (codePoints(description) > TASK_LIMITS.descriptionMaxLength)
    errors.description = `A description can have at most ${TASK_LIMITS.descriptionMaxLength} characters; this one has ${codePoints(description)}.`;
  if (draft.dueDate !== "" && !isCalendarDate(draft.dueDate))
    errors.due_date = "Pick a valid date.";
  if (tags.length > TASK_LIMITS.tagsMaxCount)
    errors.tags = `Use at most ${TASK_LIMITS.tagsMaxCount} tags (there are ${tags.length}).`;
  else {
    const long = tags.find((tag) => codePoints(tag) > TASK_LIMITS.tagMaxLength);
    if (long)
      errors.tags = `A tag can have at most ${TASK_LIMITS.tagMaxLength} characters (“${long.slice(0, 12)}…” is longer).`;
  }
  for (const [field, value] of Object.entries({ title, description, tags: draft.tags })) {
    if (value.includes("\u0000")) errors[field] ??= "Remove the invisible NUL character.";
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
