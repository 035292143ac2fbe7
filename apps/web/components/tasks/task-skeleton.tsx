/**
 * Widths of the title bars, as whole class names so Tailwind finds them. Not a `style` attribute:
 * this markup is rendered on the server, and the Content-Security-Policy blocks inline style
 * attributes in server HTML (docs/decisions/019).
 */
const TITLE_WIDTHS = ["w-[72%]", "w-[48%]", "w-[64%]", "w-[36%]", "w-[56%]"];

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
                className={`h-4 rounded bg-slate-200 motion-safe:animate-pulse dark:bg-slate-800 ${TITLE_WIDTHS[index % TITLE_WIDTHS.length]}`}
              />
              <div className="h-3 w-24 rounded bg-slate-100 motion-safe:animate-pulse dark:bg-slate-800/60" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
