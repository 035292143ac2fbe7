"use client";

import type { MouseEvent, Ref } from "react";
import { isNarrowed, serializeTaskQuery, type TaskQuery } from "@/lib/tasks/query.ts";
import { sortOptionsFor } from "@/lib/tasks/sort-options.ts";
import type { TaskCounts } from "@/lib/tasks/tasks-client.ts";
import { PRIORITIES, type TaskStatus } from "@/lib/tasks/types.ts";
import type { SetTaskQuery } from "@/lib/tasks/use-task-query.ts";
import { SearchBox } from "./search-box.tsx";
import { focusRing, inputBase } from "./styles.ts";

interface TaskFiltersProps {
  query: TaskQuery;
  setQuery: SetTaskQuery;
  counts: TaskCounts | null;
  /** Tags seen in this session, for the tag filter's menu. */
  knownTags: string[];
  searchRef: Ref<HTMLInputElement>;
}

const STATUS_TABS: { status: TaskStatus; label: string }[] = [
  { status: "all", label: "All" },
  { status: "pending", label: "Pending" },
  { status: "completed", label: "Completed" },
];

const selectClass = `min-w-0 max-w-full flex-none ${inputBase}`;

/** Status tabs (real links: open in a new tab works), search, priority, tag and sort. */
export function TaskFilters({ query, setQuery, counts, knownTags, searchRef }: TaskFiltersProps) {
  const tabCount = (status: TaskStatus) =>
    counts === null ? null : status === "all" ? counts.pending + counts.completed : counts[status];

  const follow = (event: MouseEvent<HTMLAnchorElement>, status: TaskStatus) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setQuery({ status });
  };

  const tags =
    query.tag && !knownTags.some((tag) => tag.toLowerCase() === query.tag?.toLowerCase())
      ? [query.tag, ...knownTags]
      : knownTags;
  const sortValue = `${query.sort}:${query.order}`;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Filter by status">
          <ul className="flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800/70">
            {STATUS_TABS.map(({ status, label }) => {
              const search = serializeTaskQuery({ ...query, status });
              const current = query.status === status;
              const count = tabCount(status);
              return (
                <li key={status}>
                  <a
                    href={`/tasks${search ? `?${search}` : ""}`}
                    aria-current={current ? "page" : undefined}
                    onClick={(event) => follow(event, status)}
                    className={`flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${focusRing} ${
                      current
                        ? "bg-white text-slate-900 shadow-xs dark:bg-slate-950 dark:text-white"
                        : "text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                    }`}
                  >
                    {label}
                    {count !== null ? (
                      <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
                        {count}
                      </span>
                    ) : null}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <span>Sort</span>
          <select
            value={sortValue}
            onChange={(event) => {
              const [sort, order] = event.target.value.split(":") as [
                TaskQuery["sort"],
                TaskQuery["order"],
              ];
              setQuery({ sort, order });
            }}
            className={selectClass}
          >
            {sortOptionsFor(query).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div role="search" className="flex flex-wrap items-center gap-2">
        <SearchBox
          value={query.q}
          onSearch={(q) => setQuery({ q }, { replace: true })}
          inputRef={searchRef}
        />
        <select
          aria-label="Filter by priority"
          value={query.priority ?? ""}
          onChange={(event) =>
            setQuery({ priority: (event.target.value || null) as TaskQuery["priority"] })
          }
          className={selectClass}
        >
          <option value="">Any priority</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priority[0]?.toUpperCase()}
              {priority.slice(1)} priority
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by tag"
          value={query.tag ?? ""}
          onChange={(event) => setQuery({ tag: event.target.value || null })}
          className={selectClass}
        >
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              #{tag}
            </option>
          ))}
        </select>
        {isNarrowed(query) ? (
          <button
            type="button"
            onClick={() => setQuery({ q: "", priority: null, tag: null })}
            className={`rounded-md px-2 py-2 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300 ${focusRing}`}
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}
