"use client";

import { memo, type ReactNode, useEffect, useLayoutEffect, useMemo, useRef } from "react";
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
  const actions = useStableActions(props);
  const focusable = tasks.some((task) => task.id === activeId) ? activeId : (tasks[0]?.id ?? null);

  // Each row is memoised and every prop it gets is stable unless that row changed, so a key
  // press that moves the selection re-renders the two rows it concerns, not the whole list
  // (issue 17; docs/benchmarks/keyboard.md, decision 037).
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
            <TaskListItem
              key={task.id}
              task={task}
              today={today}
              active={task.id === activeId}
              focusable={task.id === focusable}
              renderEditor={editing ? renderEditor : null}
              onActivate={onActivate}
              actions={actions}
            />
          );
        })}
      </ul>
      {props.hasMore ? <LoadMore {...props} /> : null}
    </div>
  );
}

/**
 * The row actions as one object that never changes: each calls the latest handler it was
 * given. The board's handlers are rebuilt on most renders; passed as they are, every row
 * would re-render on every selection move.
 */
function useStableActions(props: TaskRowActions): TaskRowActions {
  const latest = useRef<TaskRowActions>(props);
  useLayoutEffect(() => {
    latest.current = {
      onToggle: props.onToggle,
      onEdit: props.onEdit,
      onDelete: props.onDelete,
      onTagClick: props.onTagClick,
    };
  });
  return useMemo(
    () => ({
      onToggle: (task) => latest.current.onToggle(task),
      onEdit: (task) => latest.current.onEdit(task),
      onDelete: (task) => latest.current.onDelete(task),
      onTagClick: (tag) => latest.current.onTagClick(tag),
    }),
    [],
  );
}

interface TaskListItemProps {
  task: Task;
  today: string;
  active: boolean;
  /** The one row in the tab order (roving tabindex). */
  focusable: boolean;
  /** Set only for the row being edited. */
  renderEditor: ((task: Task) => ReactNode) | null;
  onActivate: (id: string) => void;
  actions: TaskRowActions;
}

const TaskListItem = memo(function TaskListItem({
  task,
  today,
  active,
  focusable,
  renderEditor,
  onActivate,
  actions,
}: TaskListItemProps) {
  return (
    <li
      data-task-id={task.id}
      data-completed={task.completed || undefined}
      data-active={active || undefined}
      tabIndex={focusable ? 0 : -1}
      // Title and state ("Buy milk, completed"): what a screen reader says for the focused row
      // (docs/contract.md#tabs-states-and-text-on-the-task-page).
      aria-label={
        renderEditor ? undefined : `${task.title}, ${task.completed ? "completed" : "pending"}`
      }
      onFocus={() => onActivate(task.id)}
      className="flex items-start gap-3 px-3 py-3 outline-none first:rounded-t-xl last:rounded-b-xl focus-visible:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-inset data-active:bg-slate-50 dark:focus-visible:bg-indigo-950/40 dark:focus-visible:ring-indigo-400 dark:data-active:bg-slate-800/40"
    >
      {renderEditor ? (
        renderEditor(task)
      ) : (
        <TaskRow task={task} today={today} saving={task.id.startsWith("temp-")} {...actions} />
      )}
    </li>
  );
});

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
