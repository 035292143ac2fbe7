"use client";

import { useLayoutEffect, useRef, useState } from "react";
import type { TaskCounts } from "@/lib/tasks/tasks-client.ts";
import { focusRing } from "./styles.ts";

interface TaskSummaryProps {
  counts: TaskCounts | null;
  onClearCompleted: () => void;
  /** true: complete every pending task; false: reopen every completed one. */
  onCompleteAll: (completed: boolean) => Promise<void>;
}

const plural = (n: number, word: string) => `${word}${n === 1 ? "" : "s"}`;

/**
 * "N items left", a progress bar of completed against all tasks, "mark all as complete" (checked
 * when everything is done; unchecking reopens everything) and "clear completed".
 */
export function TaskSummary({ counts, onClearCompleted, onCompleteAll }: TaskSummaryProps) {
  const [marking, setMarking] = useState<boolean | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const total = counts ? counts.pending + counts.completed : 0;
  const percent = counts && total > 0 ? Math.round((counts.completed / total) * 100) : 0;
  // Set through the CSSOM, not a `style` attribute: this summary is rendered on the server now
  // (docs/contract.md#first-page-on-the-server), and the Content-Security-Policy refuses inline
  // style attributes in server HTML (docs/decisions/019).
  useLayoutEffect(() => {
    if (bar.current) bar.current.style.width = `${percent}%`;
  }, [percent, counts]);
  if (!counts) return <div className="h-6" aria-hidden="true" />;

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700 dark:text-slate-300">
      <p data-testid="items-left">
        <strong className="font-semibold text-slate-900 tabular-nums dark:text-white">
          {counts.pending}
        </strong>{" "}
        {plural(counts.pending, "item")} left
      </p>
      <div className="flex min-w-32 flex-1 items-center gap-2">
        <div
          role="progressbar"
          aria-label="Tasks completed"
          aria-valuemin={0}
          aria-valuemax={Math.max(total, 1)}
          aria-valuenow={counts.completed}
          aria-valuetext={`${counts.completed} of ${total} ${plural(total, "task")} completed`}
          className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div
            ref={bar}
            className="h-full w-0 rounded-full bg-indigo-600 transition-[width] duration-300 motion-reduce:transition-none dark:bg-indigo-400"
          />
        </div>
        <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
          {counts.completed}/{total} done
        </span>
      </div>
      {total > 0 ? (
        <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
          <input
            type="checkbox"
            checked={marking ?? counts.pending === 0}
            onChange={(event) => {
              // Shows the new state at once; the counts catch up as the api answers.
              const completed = event.target.checked;
              setMarking(completed);
              void onCompleteAll(completed).finally(() => setMarking(null));
            }}
            className="size-4 accent-indigo-600 dark:accent-indigo-400"
          />
          Mark all as complete
        </label>
      ) : null}
      {counts.completed > 0 ? (
        <button
          type="button"
          onClick={onClearCompleted}
          className={`rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 hover:text-red-800 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-red-300 ${focusRing}`}
        >
          Clear completed ({counts.completed})
        </button>
      ) : null}
    </div>
  );
}
