import type { FieldErrors } from "@/lib/tasks/problem.ts";
import { errorClass } from "./styles.ts";

/**
 * A task form's fields in the order they appear, each with the id of its control (after the
 * form's prefix). The add form walks this order to focus the first field the api refused.
 */
export const TASK_FIELD_IDS: Readonly<Record<string, string>> = {
  title: "title",
  description: "description",
  priority: "priority",
  due_date: "due",
  tags: "tags",
};

/** The id of field `name`'s control in the form whose ids start with `idPrefix`. */
export function taskControlId(idPrefix: string, name: string): string {
  return `${idPrefix}-${TASK_FIELD_IDS[name] ?? name}`;
}

/**
 * Ids and ARIA wiring for the fields of one task form, so that every field (title and details,
 * in the add form and in the editor) announces its error, and its hint, the same way. Ids start
 * with the form's prefix because the add form and an editor can be on screen together.
 */
export function fieldWiring(idPrefix: string, errors: FieldErrors) {
  const errorId = (name: string) => `${idPrefix}-${name}-error`;
  const hintId = (name: string) => `${idPrefix}-${name}-hint`;
  return {
    controlId: (name: string) => taskControlId(idPrefix, name),
    hintId,
    /** Props for field `name`'s control; `hint` when a hint (at `hintId(name)`) describes it. */
    control(name: string, { hint = false } = {}) {
      const describedBy = [errors[name] ? errorId(name) : null, hint ? hintId(name) : null]
        .filter(Boolean)
        .join(" ");
      return {
        id: taskControlId(idPrefix, name),
        name,
        "aria-invalid": errors[name] ? true : undefined,
        "aria-describedby": describedBy || undefined,
      };
    },
    /** The field's error under its control, or nothing. */
    error(name: string) {
      return errors[name] ? (
        <p id={errorId(name)} className={errorClass}>
          {errors[name]}
        </p>
      ) : null;
    },
  };
}
