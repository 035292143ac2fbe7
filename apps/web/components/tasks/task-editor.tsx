"use client";

import {
  type FocusEvent,
  type FormEvent,
  type KeyboardEvent,
  type Ref,
  useEffect,
  useState,
} from "react";
import { changedFields, draftFromTask, type TaskDraft, validateDraft } from "@/lib/tasks/draft.ts";
import type { FieldErrors } from "@/lib/tasks/problem.ts";
import type { Task, TaskPatch } from "@/lib/tasks/types.ts";
import { TaskFields, TaskTitleInput } from "./task-fields.tsx";
import { errorClass, primaryButton, secondaryButton } from "./styles.ts";

/** Where an editor starts when it is not fresh: what was typed, and why it is back. */
export interface EditorStart {
  draft: TaskDraft;
  errors: FieldErrors;
  /** The save failed without a field to blame (network, server): said above a Retry. */
  failure?: string;
  /** Brought back from this browser's storage after a reload, a crash or signing in again. */
  restored?: boolean;
}

interface TaskEditorProps {
  task: Task;
  /** A draft to start from (a refused or failed save, or one restored after a reload). */
  initial?: EditorStart | undefined;
  titleRef: Ref<HTMLInputElement>;
  /** True while the "delete instead?" question is open: blur must not ask twice. */
  confirming: boolean;
  /** `refocus` is false when the editor closes because focus went elsewhere: leave it there. */
  onSave: (task: Task, patch: TaskPatch, draft: TaskDraft, refocus: boolean) => Promise<void>;
  onCancel: (refocus: boolean) => void;
  onEmptyTitle: (task: Task) => void;
  /** Every change, as typed: kept in this browser until saved or cancelled (decision 035). */
  onDraft: (taskId: string, draft: TaskDraft) => void;
}

/**
 * Edit in place (TodoMVC): Enter or leaving the editor saves, Esc cancels, and saving an empty
 * title asks whether to delete the task instead. Only changed fields are sent.
 */
export function TaskEditor({
  task,
  initial,
  titleRef,
  confirming,
  onSave,
  onCancel,
  onEmptyTitle,
  onDraft,
}: TaskEditorProps) {
  const [draft, setDraft] = useState<TaskDraft>(initial?.draft ?? draftFromTask(task));
  const [errors, setErrors] = useState<FieldErrors>(initial?.errors ?? {});
  const idPrefix = `edit-${task.id}`;
  const failure = initial?.failure;

  useEffect(() => onDraft(task.id, draft), [draft, onDraft, task.id]);

  const change = (changes: Partial<TaskDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setErrors({});
  };

  function save(refocus = true) {
    if (confirming) return;
    if (draft.title.trim() === "") return onEmptyTitle(task);
    const result = validateDraft(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const patch = changedFields(task, result.value);
    if (Object.keys(patch).length === 0) return onCancel(refocus);
    void onSave(task, patch, draft, refocus); // reports its own failure
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onCancel(true);
    } else if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      save();
    }
  }

  function onBlur(event: FocusEvent<HTMLFormElement>) {
    // Focus moving within the editor, or the whole window losing focus, is not "leaving".
    if (event.currentTarget.contains(event.relatedTarget) || !document.hasFocus()) return;
    save(false);
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
      noValidate
      aria-label={`Edit “${task.title}”`}
      className="w-full"
    >
      <TaskTitleInput
        idPrefix={idPrefix}
        label="Title"
        value={draft.title}
        errors={errors}
        onChange={(title) => change({ title })}
        ref={titleRef}
        className="font-medium"
      />
      <div className="mt-3">
        <TaskFields idPrefix={idPrefix} draft={draft} errors={errors} onChange={change} />
      </div>
      {failure ? (
        <p role="alert" className={errorClass}>
          Not saved: {failure} What you typed is still here.
        </p>
      ) : initial?.restored ? (
        <p role="status" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Your unsaved changes are back.
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="submit" className={primaryButton}>
          {failure ? "Retry" : "Save"}
        </button>
        <button
          type="button"
          // Keeps focus in the editor, so pressing Cancel is not first a blur that saves.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onCancel(true)}
          className={secondaryButton}
        >
          Cancel
        </button>
        <span className="ml-auto hidden text-xs text-slate-600 sm:inline dark:text-slate-400">
          Enter saves · Esc cancels
        </span>
      </div>
    </form>
  );
}
