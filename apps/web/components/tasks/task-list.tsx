"use client";

import { type ReactNode, useEffect, useRef } from "react";
import type { Task } from "@/lib/tasks/types.ts";
import { type TaskRowActions, TaskRow } from "./task-row.tsx";
import { secondaryButton } from "./styles.ts";

interface TaskListProps extends TaskRowActions {
  tasks: Task[];
  today: string;
  /** Rows from the previous query stay, dimmed, until the new ones arrive. */
  stale: boolean;
  activeId: string | null;
  editingId: string | null;
  /** The editor for the row being edited. */
  renderEditor: (task: Task) => ReactNode;
  onActivate: (id: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  remaining: number;
  onLoadMore: () => Promise<void>;
}

/**
 * The rows, one tab stop for the whole list (roving tabindex: the selected row is focusable,
 * arrows and j/k move between rows), and the next page loaded as its end scrolls into view —
 * with a button for the same, for keyboards and for browsers that scroll differently.
 */
export function TaskList(props: TaskListProps) {
  const { tasks, today, stale, activeId, editingId, renderEditor, onActivate } = props;
  const actions: TaskRowActions = {
    onToggle: props.onToggle,
    onEdit: props.onEdit,
    onDelete: props.onDelete,
    onTagClick: props.onTagClick,
  };
  const focusable = tasks.some((task) => task.id === activeId) ? activeId : (tasks[0]?.id ?? null);

  return (
    <div>
      <ul
        aria-label="Tasks"
        aria-busy={stale || undefined}
        data-testid="task-list"
        className={`divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white transition-opacity dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900/40 ${stale ? "opacity-60" : ""}`}
      >
        {tasks.map((task) => {
          const editing = task.id === editingId;
          return (
            <li
              key={task.id}
              data-task-id={task.id}
              data-completed={task.completed || undefined}
              data-active={task.id === activeId || undefined}
              tabIndex={task.id === focusable ? 0 : -1}
              // Title and state ("Buy milk, completed"): what a screen reader says for the
              // focused row (docs/contract.md#tabs-states-and-text-on-the-task-page).
              aria-label={
                editing ? undefined : `${task.title}, ${task.completed ? "completed" : "pending"}`
              }
              onFocus={() => onActivate(task.id)}
              className="flex items-start gap-3 px-3 py-3 outline-none first:rounded-t-xl last:rounded-b-xl focus-visible:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-inset data-active:bg-slate-50 dark:focus-visible:bg-indigo-950/40 dark:focus-visible:ring-indigo-400 dark:data-active:bg-slate-800/40"
            >
              {editing ? (
                renderEditor(task)
              ) : (
                <TaskRow
                  task={task}
                  today={today}
                  saving={task.id.startsWith("temp-")}
                  {...actions}
                />
              )}
            </li>
          );
        })}
      </ul>
      {props.hasMore ? <LoadMore {...props} /> : null}
    </div>
  );
}

function LoadMore({
  loadingMore,
  remaining,
  onLoadMore,
}: Pick<TaskListProps, "loadingMore" | "remaining" | "onLoadMore">) {
  const sentinel = useRef<HTMLDivElement>(null);
  // Re-observed after each page: a fresh observer reports at once if the end is still in view.
  useEffect(() => {
    const element = sentinel.current;
    if (loadingMore || !element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && void onLoadMore(),
      {
        rootMargin: "400px 0px",
      },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [loadingMore, onLoadMore]);

  return (
    <div ref={sentinel} className="mt-3 flex justify-center">
      <button
        type="button"
        onClick={() => void onLoadMore()}
        disabled={loadingMore}
        className={secondaryButton}
      >
        {loadingMore ? "Loading…" : `Load more (${remaining} more)`}
      </button>
    </div>
  );
}
