"use client";

import type { TaskDraft } from "@/lib/tasks/draft.ts";
import type { FieldErrors } from "@/lib/tasks/problem.ts";
import { PRIORITIES, TASK_LIMITS } from "@/lib/tasks/types.ts";
import { errorClass, inputClass, labelClass } from "./styles.ts";

interface TaskFieldsProps {
  /** Makes ids unique when the add form and an editor are on screen together. */
  idPrefix: string;
  draft: TaskDraft;
  errors: FieldErrors;
  onChange: (changes: Partial<TaskDraft>) => void;
}

const PRIORITY_LABELS = { low: "Low", medium: "Medium", high: "High" } as const;

/** The optional details of a task (everything but its title), shared by add and edit. */
export function TaskFields({ idPrefix, draft, errors, onChange }: TaskFieldsProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const described = (name: string, hint?: boolean) =>
    [errors[name] ? id(`${name}-error`) : null, hint ? id(`${name}-hint`) : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const error = (name: string) =>
    errors[name] ? (
      <p id={id(`${name}-error`)} className={errorClass}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <div className="sm:col-span-3">
        <label htmlFor={id("description")} className={labelClass}>
          Description{" "}
          <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea
          id={id("description")}
          name="description"
          rows={2}
          maxLength={TASK_LIMITS.descriptionMaxLength * 2}
          value={draft.description}
          onChange={(event) => onChange({ description: event.target.value })}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={described("description")}
          className={`mt-1 resize-y ${inputClass}`}
        />
        {error("description")}
      </div>
      <div>
        <label htmlFor={id("priority")} className={labelClass}>
          Priority
        </label>
        <select
          id={id("priority")}
          name="priority"
          value={draft.priority}
          onChange={(event) => onChange({ priority: event.target.value as TaskDraft["priority"] })}
          aria-invalid={errors.priority ? true : undefined}
          aria-describedby={described("priority")}
          className={`mt-1 ${inputClass}`}
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {PRIORITY_LABELS[priority]}
            </option>
          ))}
        </select>
        {error("priority")}
      </div>
      <div>
        <label htmlFor={id("due")} className={labelClass}>
          Due date
        </label>
        <input
          id={id("due")}
          name="due_date"
          type="date"
          value={draft.dueDate}
          onChange={(event) => onChange({ dueDate: event.target.value })}
          aria-invalid={errors.due_date ? true : undefined}
          aria-describedby={described("due_date")}
          className={`mt-1 ${inputClass}`}
        />
        {error("due_date")}
      </div>
      <div>
        <label htmlFor={id("tags")} className={labelClass}>
          Tags
        </label>
        <input
          id={id("tags")}
          name="tags"
          value={draft.tags}
          onChange={(event) => onChange({ tags: event.target.value })}
          placeholder="home, errands"
          autoComplete="off"
          aria-invalid={errors.tags ? true : undefined}
          aria-describedby={described("tags", true)}
          className={`mt-1 ${inputClass}`}
        />
        <p id={id("tags-hint")} className="sr-only">
          Separate tags with commas.
        </p>
        {error("tags")}
      </div>
    </div>
  );
}
