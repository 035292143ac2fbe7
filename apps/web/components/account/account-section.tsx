import type { ReactNode } from "react";

/** One part of the account page: a titled, labelled region. */
export function AccountSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-lg border border-slate-200 p-4 sm:p-5 dark:border-slate-800"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {description ? (
        <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div>
      ) : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** A result announced politely as it appears ("Saved."). */
export function StatusMessage({ message }: { message: string | undefined }) {
  return (
    <p role="status" className="text-sm text-emerald-800 empty:hidden dark:text-emerald-300">
      {message}
    </p>
  );
}
