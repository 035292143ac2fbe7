"use client";

import { formatDue, formatDueLong, isOverdue } from "@/lib/tasks/dates.ts";
import type { Task } from "@/lib/tasks/types.ts";
import { CalendarIcon, FlagIcon, PencilIcon, TrashIcon } from "./icons.tsx";
import { focusRing, iconButton } from "./styles.ts";

export interface TaskRowActions {
  onToggle: (task: Task) => void;
  onEdit: (task: Task) => void;
  onDelete: (task: Task) => void;
  onTagClick: (tag: string) => void;
}

interface TaskRowProps extends TaskRowActions {
  task: Task;
  today: string;
  /** Still being created: its controls wait for the api's answer. */
  saving: boolean;
}

/** The reading view of one task (the `<li>` around it belongs to the list). */
export function TaskRow({
  task,
  today,
  saving,
  onToggle,
  onEdit,
  onDelete,
  onTagClick,
}: TaskRowProps) {
  const titleId = `task-${task.id}-title`;
  const metaId = `task-${task.id}-meta`;
  const overdue = isOverdue(task, today);

  return (
    <>
      <input
        type="checkbox"
        checked={task.completed}
        disabled={saving}
        onChange={() => onToggle(task)}
        aria-labelledby={titleId}
        aria-describedby={metaId}
        className="mt-0.5 size-5 shrink-0 cursor-pointer accent-indigo-600 disabled:cursor-wait dark:accent-indigo-400"
      />
      <div className="min-w-0 flex-1">
        <p
          id={titleId}
          // Each title and description takes its direction from its own first strong letter
          // (docs/contract.md#tabs-states-and-text-on-the-task-page).
          dir="auto"
          onDoubleClick={() => !saving && onEdit(task)}
          className={`break-words ${task.completed ? "text-slate-600 line-through decoration-slate-400 dark:text-slate-400" : ""}`}
        >
          {task.title}
        </p>
        {task.description ? (
          <p
            dir="auto"
            className="mt-0.5 line-clamp-2 text-sm break-words whitespace-pre-line text-slate-600 dark:text-slate-400"
          >
            {task.description}
          </p>
        ) : null}
        <div
          id={metaId}
          className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs empty:hidden"
        >
          {task.priority !== "medium" ? (
            <span
              className={`inline-flex items-center gap-1 font-medium ${
                task.priority === "high"
                  ? "text-red-700 dark:text-red-400"
                  : "text-slate-600 dark:text-slate-400"
              }`}
            >
              <FlagIcon width={14} height={14} />
              {task.priority === "high" ? "High priority" : "Low priority"}
            </span>
          ) : null}
          {task.due_date ? (
            <span
              title={formatDueLong(task.due_date)}
              className={`inline-flex items-center gap-1 ${
                overdue
                  ? "font-semibold text-red-700 dark:text-red-400"
                  : "text-slate-600 dark:text-slate-400"
              }`}
              data-overdue={overdue || undefined}
            >
              <CalendarIcon width={14} height={14} />
              {overdue ? "Overdue · " : "Due "}
              {formatDue(task.due_date, today)}
            </span>
          ) : null}
          {task.tags.map((tag) => (
            <button
              key={tag}
              type="button"
              onClick={() => onTagClick(tag)}
              aria-label={`Show tasks tagged ${tag}`}
              className={`rounded-full bg-slate-100 px-2 py-0.5 text-slate-700 hover:bg-indigo-100 hover:text-indigo-900 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-indigo-950 dark:hover:text-indigo-100 ${focusRing}`}
            >
              #{tag}
            </button>
          ))}
        </div>
      </div>
      <div className="-my-1 flex shrink-0 items-start">
        <button
          type="button"
          disabled={saving}
          onClick={() => onEdit(task)}
          aria-label={`Edit “${task.title}”`}
          className={iconButton}
        >
          <PencilIcon />
        </button>
        <button
          type="button"
          disabled={saving}
          onClick={() => onDelete(task)}
          aria-label={`Delete “${task.title}”`}
          className={`${iconButton} hover:text-red-700 dark:hover:text-red-400`}
        >
          <TrashIcon />
        </button>
      </div>
    </>
  );
}
