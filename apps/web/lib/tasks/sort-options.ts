import { NATURAL_ORDER, type TaskQuery } from "./query.ts";
import type { SortOrder, TaskSort } from "./types.ts";

export interface SortOption {
  value: string;
  label: string;
  sort: TaskSort;
  order: SortOrder;
}

const option = (sort: TaskSort, order: SortOrder, label: string): SortOption => ({
  value: `${sort}:${order}`,
  label,
  sort,
  order,
});

/** The sorts offered in the menu; any other combination in a URL still works and is labelled. */
const SORT_OPTIONS: SortOption[] = [
  option("created", "desc", "Newest first"),
  option("created", "asc", "Oldest first"),
  option("due_date", "asc", "Due date (soonest)"),
  option("priority", "desc", "Priority (high first)"),
  option("title", "asc", "Title (A–Z)"),
  option("updated", "desc", "Recently updated"),
];

const NAMES: Record<TaskSort, string> = {
  created: "Created",
  updated: "Updated",
  title: "Title",
  due_date: "Due date",
  priority: "Priority",
};

/** The menu's options, plus the URL's own combination when it is not one of them. */
export function sortOptionsFor(query: Pick<TaskQuery, "sort" | "order">): SortOption[] {
  const value = `${query.sort}:${query.order}`;
  if (SORT_OPTIONS.some((candidate) => candidate.value === value)) return SORT_OPTIONS;
  const direction = query.order === NATURAL_ORDER[query.sort] ? "" : " (reversed)";
  return [...SORT_OPTIONS, option(query.sort, query.order, `${NAMES[query.sort]}${direction}`)];
}
