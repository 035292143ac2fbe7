"use client";

import { type Ref, useState } from "react";
import { DEFAULT_QUERY, isNarrowed, type TaskQuery } from "@/lib/tasks/query.ts";
import { sortOptionsFor } from "@/lib/tasks/sort-options.ts";
import type { TaskCounts } from "@/lib/tasks/tasks-client.ts";
import { PRIORITIES } from "@/lib/tasks/types.ts";
import type { SetTaskQuery } from "@/hooks/use-task-query.ts";
import { ChevronIcon } from "./icons.tsx";
import { SearchBox } from "./search-box.tsx";
import { StatusTabs } from "./status-tabs.tsx";
import { focusRing, inputBase, secondaryButton } from "./styles.ts";

interface TaskFiltersProps {
  query: TaskQuery;
  setQuery: SetTaskQuery;
  counts: TaskCounts | null;
  /** Every tag the person has (useKnownTags), for the tag filter's menu. */
  knownTags: string[];
  searchRef: Ref<HTMLInputElement>;
}

const selectClass = `w-full min-w-0 sm:w-auto sm:flex-none ${inputBase}`;

/**
 * Status tabs, then search with priority, tag and sort beside it. On a phone the three menus
 * fold behind a "Filters" button so the list starts higher up.
 */
export function TaskFilters({ query, setQuery, counts, knownTags, searchRef }: TaskFiltersProps) {
  const [open, setOpen] = useState(false);
  const tags =
    query.tag && !knownTags.some((tag) => tag.toLowerCase() === query.tag?.toLowerCase())
      ? [query.tag, ...knownTags]
      : knownTags;
  const sorted = query.sort !== DEFAULT_QUERY.sort || query.order !== DEFAULT_QUERY.order;
  const active = (query.priority ? 1 : 0) + (query.tag ? 1 : 0) + (sorted ? 1 : 0);

  return (
    <div className="space-y-3">
      <StatusTabs query={query} setQuery={setQuery} counts={counts} />
      <div role="search" className="flex flex-wrap items-center gap-2">
        <SearchBox
          value={query.q}
          onSearch={(q) => setQuery({ q }, { replace: true })}
          inputRef={searchRef}
        />
        <button
          type="button"
          aria-expanded={open}
          aria-controls="task-filter-menus"
          onClick={() => setOpen((value) => !value)}
          className={`h-[42px] sm:hidden ${secondaryButton}`}
        >
          Filters{active > 0 ? ` (${active})` : ""}
          <ChevronIcon className={open ? "rotate-180" : ""} />
        </button>
        <div
          id="task-filter-menus"
          className={`${open ? "grid" : "hidden"} w-full grid-cols-2 gap-2 sm:contents`}
        >
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
                {`${priority[0]?.toUpperCase()}${priority.slice(1)} priority`}
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
          <select
            aria-label="Sort"
            value={`${query.sort}:${query.order}`}
            onChange={(event) => {
              const [sort, order] = event.target.value.split(":") as [
                TaskQuery["sort"],
                TaskQuery["order"],
              ];
              setQuery({ sort, order });
            }}
            className={`col-span-2 ${selectClass}`}
          >
            {sortOptionsFor(query).map((option) => (
              <option key={option.value} value={option.value}>
                {`Sort: ${option.label}`}
              </option>
            ))}
          </select>
        </div>
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
