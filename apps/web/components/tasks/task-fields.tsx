"use client";

import type { Ref } from "react";
import type { TaskDraft } from "@/lib/tasks/draft.ts";
import type { FieldErrors } from "@/lib/tasks/problem.ts";
import { PRIORITIES, TASK_LIMITS } from "@/lib/tasks/types.ts";
import { fieldWiring } from "./field-wiring.tsx";
import { inputClass, labelClass } from "./styles.ts";

interface TaskFieldsProps {
  /** Makes ids unique when the add form and an editor are on screen together. */
  idPrefix: string;
  draft: TaskDraft;
  errors: FieldErrors;
  onChange: (changes: Partial<TaskDraft>) => void;
}

interface TaskTitleInputProps {
  idPrefix: string;
  /** Visually hidden: the placeholder, or the task row being edited, shows what it is for. */
  label: string;
  value: string;
  errors: FieldErrors;
  onChange: (title: string) => void;
  ref: Ref<HTMLInputElement>;
  placeholder?: string;
  /** Classes put before the input's own look. */
  className?: string;
}

const PRIORITY_LABELS = { low: "Low", medium: "Medium", high: "High" } as const;

/** A task's title, in the add form and in the editor, with its error read out with it. */
export function TaskTitleInput({
  idPrefix,
  label,
  value,
  errors,
  onChange,
  ref,
  placeholder,
  className,
}: TaskTitleInputProps) {
  const fields = fieldWiring(idPrefix, errors);
  return (
    <>
      <label htmlFor={fields.controlId("title")} className="sr-only">
        {label}
      </label>
      <input
        ref={ref}
        {...fields.control("title")}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        enterKeyHint="done"
        // Right to left for Hebrew or Arabic, from what is typed (docs/contract.md#tabs-states-and-text-on-the-task-page).
        dir="auto"
        className={className ? `${className} ${inputClass}` : inputClass}
      />
      {fields.error("title")}
    </>
  );
}

/** The optional details of a task (everything but its title), shared by add and edit. */
export function TaskFields({ idPrefix, draft, errors, onChange }: TaskFieldsProps) {
  const fields = fieldWiring(idPrefix, errors);
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <div className="sm:col-span-3">
        <label htmlFor={fields.controlId("description")} className={labelClass}>
          Description{" "}
          <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea
          {...fields.control("description")}
          rows={2}
          dir="auto"
          maxLength={TASK_LIMITS.descriptionMaxLength * 2}
          value={draft.description}
          onChange={(event) => onChange({ description: event.target.value })}
          className={`mt-1 resize-y ${inputClass}`}
        />
        {fields.error("description")}
      </div>
      <div>
        <label htmlFor={fields.controlId("priority")} className={labelClass}>
          Priority
        </label>
        <select
          {...fields.control("priority")}
          value={draft.priority}
          onChange={(event) => onChange({ priority: event.target.value as TaskDraft["priority"] })}
          className={`mt-1 ${inputClass}`}
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {PRIORITY_LABELS[priority]}
            </option>
          ))}
        </select>
        {fields.error("priority")}
      </div>
      <div>
        <label htmlFor={fields.controlId("due_date")} className={labelClass}>
          Due date
        </label>
        <input
          {...fields.control("due_date")}
          type="date"
          value={draft.dueDate}
          onChange={(event) => onChange({ dueDate: event.target.value })}
          className={`mt-1 ${inputClass}`}
        />
        {fields.error("due_date")}
      </div>
      <div>
        <label htmlFor={fields.controlId("tags")} className={labelClass}>
          Tags
        </label>
        <input
          {...fields.control("tags", { hint: true })}
          value={draft.tags}
          onChange={(event) => onChange({ tags: event.target.value })}
          placeholder="home, errands"
          autoComplete="off"
          dir="auto"
          className={`mt-1 ${inputClass}`}
        />
        <p id={fields.hintId("tags")} className="sr-only">
          Separate tags with commas.
        </p>
        {fields.error("tags")}
      </div>
    </div>
  );
}
