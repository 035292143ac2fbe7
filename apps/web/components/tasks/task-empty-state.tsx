import { ListIcon } from "./icons.tsx";
import { secondaryButton } from "./styles.ts";

export type EmptyKind = "fresh" | "all-done" | "none-completed" | "no-match";

interface TaskEmptyStateProps {
  kind: EmptyKind;
  search: string;
  onStartAdding: () => void;
  onClearFilters: () => void;
  onShowAll: () => void;
}

/** What to do next when there is nothing to show, worded for why there is nothing. */
export function TaskEmptyState({
  kind,
  search,
  onStartAdding,
  onClearFilters,
  onShowAll,
}: TaskEmptyStateProps) {
  const content = {
    fresh: {
      title: "Nothing on your list yet",
      body: "Add your first task above. Press N anywhere to start typing, and ? for every shortcut.",
      action: { label: "Add a task", run: onStartAdding },
    },
    "all-done": {
      title: "All done",
      body: "Nothing is pending. Enjoy the quiet, or add what comes next.",
      action: { label: "Show all tasks", run: onShowAll },
    },
    "none-completed": {
      title: "No completed tasks yet",
      body: "Tick a task's checkbox (or press X on it) and it will show up here.",
      action: { label: "Show all tasks", run: onShowAll },
    },
    "no-match": {
      title: search ? `No tasks match “${search}”` : "No tasks match these filters",
      body: "Try other words, or clear the search and filters.",
      action: { label: "Clear search and filters", run: onClearFilters },
    },
  }[kind];

  return (
    <div
      data-testid="empty-state"
      className="flex flex-col items-center rounded-xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700"
    >
      <ListIcon width={40} height={40} className="text-slate-400 dark:text-slate-500" />
      <h2 className="mt-3 text-base font-semibold">{content.title}</h2>
      <p className="mt-1 max-w-sm text-sm text-slate-600 dark:text-slate-400">{content.body}</p>
      <button type="button" onClick={content.action.run} className={`mt-4 ${secondaryButton}`}>
        {content.action.label}
      </button>
    </div>
  );
}
