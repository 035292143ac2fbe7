"use client";

import type { MouseEvent } from "react";
import { serializeTaskQuery, type TaskQuery } from "@/lib/tasks/query.ts";
import type { TaskCounts } from "@/lib/tasks/tasks-client.ts";
import type { TaskStatus } from "@/lib/tasks/types.ts";
import type { SetTaskQuery } from "@/hooks/use-task-query.ts";
import { focusRing } from "./styles.ts";

const TABS: { status: TaskStatus; label: string }[] = [
  { status: "all", label: "All" },
  { status: "pending", label: "Pending" },
  { status: "completed", label: "Completed" },
];

interface StatusTabsProps {
  query: TaskQuery;
  setQuery: SetTaskQuery;
  counts: TaskCounts | null;
}

/**
 * All / Pending / Completed as real links (open in a new tab works, and so does a reload);
 * a plain click changes the URL in place and pushes a history entry, so back/forward work.
 */
export function StatusTabs({ query, setQuery, counts }: StatusTabsProps) {
  const count = (status: TaskStatus) =>
    counts === null ? null : status === "all" ? counts.pending + counts.completed : counts[status];

  const follow = (event: MouseEvent<HTMLAnchorElement>, status: TaskStatus) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0)
      return;
    event.preventDefault();
    setQuery({ status });
  };

  return (
    <nav aria-label="Filter by status" className="w-full sm:w-auto">
      <ul className="flex gap-1 rounded-lg bg-slate-100 p-1 sm:inline-flex dark:bg-slate-800/70">
        {TABS.map(({ status, label }) => {
          const search = serializeTaskQuery({ ...query, status });
          const current = query.status === status;
          const n = count(status);
          return (
            <li key={status} className="flex-1 sm:flex-none">
              <a
                href={`/tasks${search ? `?${search}` : ""}`}
                aria-current={current ? "page" : undefined}
                onClick={(event) => follow(event, status)}
                className={`flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${focusRing} ${
                  current
                    ? "bg-white text-slate-900 shadow-xs dark:bg-slate-950 dark:text-white"
                    : "text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                }`}
              >
                {label}
                {n !== null ? (
                  <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
                    {n}
                  </span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
