"use client";

/**
 * Shown when a page or layout fails on the server (the database away, for instance): a calm
 * message and a way to try again, never the error's details.
 */
export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Ownlist is unavailable right now</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        This page could not be loaded. It is usually brief: try again in a moment.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 self-start rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Try again
      </button>
    </main>
  );
}
