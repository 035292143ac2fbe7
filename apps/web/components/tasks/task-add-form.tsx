"use client";

import {
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import {
  EMPTY_DRAFT,
  type TaskDraft,
  type TaskFields as Fields,
  validateDraft,
} from "@/lib/tasks/draft.ts";
import { isBlankDraft, loadDrafts, saveDraft } from "@/lib/tasks/draft-store.ts";
import { ApiProblemError, describeError, type FieldErrors } from "@/lib/tasks/problem.ts";
import type { MutationResult } from "@/hooks/use-task-mutations.ts";
import { ChevronIcon, PlusIcon } from "./icons.tsx";
import { TASK_FIELD_IDS, taskControlId } from "./field-wiring.tsx";
import { TaskFields, TaskTitleInput } from "./task-fields.tsx";
import { errorClass, focusRing, primaryButton } from "./styles.ts";

interface TaskAddFormProps {
  /** Whose draft this is (lib/tasks/draft-store.ts). */
  userId: string;
  onCreate: (fields: Fields) => Promise<MutationResult>;
  titleRef: RefObject<HTMLInputElement | null>;
}

/**
 * Type a title and press Enter; details (description, priority, due date, tags) are one click
 * away. The form clears at once so the next task can be typed while this one is saved; if the
 * api refuses it, what was typed comes back with the api's messages beside the fields. What is
 * typed is kept in this browser as it is typed, and what was sent until the api has it (decision
 * 035): a reload, a crash or a trip to sign-in brings it back.
 */
export function TaskAddForm({ userId, onCreate, titleRef }: TaskAddFormProps) {
  const idPrefix = useId().replace(/:/g, "");
  const [draft, setDraft] = useState<TaskDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const latest = useRef(draft);
  /** The draft sent and not yet answered: kept until the api has it. */
  const inFlight = useRef<TaskDraft | null>(null);
  const restored = useRef(false);

  const persist = () => {
    const keep = isBlankDraft(latest.current) ? inFlight.current : latest.current;
    saveDraft(userId, "add", keep ?? undefined);
  };
  // Declared before the restore below, so its first run (before anything is restored) is skipped.
  useEffect(() => {
    latest.current = draft;
    if (restored.current) persist();
  });
  useEffect(() => {
    restored.current = true;
    const saved = loadDrafts(userId).add;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage is only readable after the server-rendered form has hydrated
    if (saved) setDraft(saved);
  }, [userId]);

  const change = (changes: Partial<TaskDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    const touched = Object.keys(changes).map((key) => (key === "dueDate" ? "due_date" : key));
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !touched.includes(key))),
    );
  };

  const showErrors = (fieldErrors: FieldErrors) => {
    setErrors(fieldErrors);
    const first = Object.keys(TASK_FIELD_IDS).find((name) => fieldErrors[name]);
    if (first && first !== "title") setDetailsOpen(true);
    requestAnimationFrame(() =>
      document.getElementById(taskControlId(idPrefix, first ?? "title"))?.focus(),
    );
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const result = validateDraft(draft);
    if (!result.ok) return showErrors(result.errors);
    const submitted = draft;
    inFlight.current = submitted;
    setDraft(EMPTY_DRAFT);
    setErrors({});
    // After a click on Add, typing goes on into the title, as it does after Enter.
    titleRef.current?.focus();
    const outcome = await onCreate(result.value);
    inFlight.current = null;
    if (outcome.ok) return persist();
    setDraft(submitted);
    const fieldErrors = outcome.error instanceof ApiProblemError ? outcome.error.fieldErrors : {};
    if (Object.keys(fieldErrors).length > 0) showErrors(fieldErrors);
    else setFormError(`Could not add “${result.value.title}”. ${describeError(outcome.error)}`);
  }

  // Esc never wipes what was typed (there would be no way back): it closes the details, then
  // lets go of the field, leaving the draft as it is (decision 035).
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "Escape") return;
    if (detailsOpen) setDetailsOpen(false);
    else (event.target as HTMLElement).blur();
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      noValidate
      aria-label="Add a task"
      className="rounded-xl border border-slate-200 bg-white p-3 shadow-xs dark:border-slate-800 dark:bg-slate-900/60"
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <TaskTitleInput
            idPrefix={idPrefix}
            label="New task title"
            value={draft.title}
            errors={errors}
            onChange={(title) => change({ title })}
            ref={titleRef}
            placeholder="Add a task…"
          />
        </div>
        <button
          type="button"
          aria-expanded={detailsOpen}
          aria-controls={`${idPrefix}-details`}
          onClick={() => setDetailsOpen((open) => !open)}
          className={`inline-flex h-[42px] items-center gap-1 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:h-[38px] dark:text-slate-300 dark:hover:bg-slate-800 ${focusRing}`}
        >
          Details
          <ChevronIcon
            className={`transition-transform motion-reduce:transition-none ${detailsOpen ? "rotate-180" : ""}`}
          />
        </button>
        <button type="submit" className={`h-[42px] sm:h-[38px] ${primaryButton}`}>
          <PlusIcon />
          <span className="sr-only sm:not-sr-only">Add</span>
        </button>
      </div>
      <div id={`${idPrefix}-details`} hidden={!detailsOpen} className="mt-3">
        <TaskFields idPrefix={idPrefix} draft={draft} errors={errors} onChange={change} />
      </div>
      {formError ? (
        <p role="alert" className={errorClass}>
          {formError}
        </p>
      ) : null}
    </form>
  );
}
