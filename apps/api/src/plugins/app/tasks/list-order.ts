import type { SortOrder, TaskSort } from "@ownlist/contract";

/**
 * ORDER BY for each sort and direction. Ties break by created_at, then id, in the same direction,
 * so that the order is total and pages never overlap; each clause matches one of the tasks
 * table's (user_id, …, created_at, id) indexes, which PostgreSQL can scan either way.
 * Tasks without a due date come last in both directions. Titles sort case-insensitively
 * (ICU root collation), whatever the database's own collation is.
 */
const SORT_COLUMNS: Record<TaskSort, (direction: string) => string> = {
  created: (d) => `created_at ${d}, id ${d}`,
  updated: (d) => `updated_at ${d}, created_at ${d}, id ${d}`,
  title: (d) => `title collate "und-x-icu" ${d}, created_at ${d}, id ${d}`,
  due_date: (d) => `due_date ${d} nulls last, created_at ${d}, id ${d}`,
  priority: (d) => `priority ${d}, created_at ${d}, id ${d}`,
};

/** Built once: the request only picks an entry (never text from the client). */
export const ORDER_BY: Record<TaskSort, Record<SortOrder, string>> = Object.fromEntries(
  Object.entries(SORT_COLUMNS).map(([sort, columns]) => [
    sort,
    { asc: columns("asc"), desc: columns("desc") },
  ]),
) as Record<TaskSort, Record<SortOrder, string>>;
