/** Grey rows in the shape of tasks while the first page loads; announced once as text. */
export function TaskSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div data-testid="task-skeleton">
      <p role="status" className="sr-only">
        Loading tasks…
      </p>
      <ul
        aria-hidden="true"
        className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {Array.from({ length: rows }, (_, index) => (
          <li key={index} className="flex gap-3 px-3 py-3.5">
            <div className="size-5 shrink-0 rounded bg-slate-200 motion-safe:animate-pulse dark:bg-slate-800" />
            <div className="flex-1 space-y-2">
              <div
                className="h-4 rounded bg-slate-200 motion-safe:animate-pulse dark:bg-slate-800"
                style={{ width: `${[72, 48, 64, 36, 56][index % 5]}%` }}
              />
              <div className="h-3 w-24 rounded bg-slate-100 motion-safe:animate-pulse dark:bg-slate-800/60" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
