import type { ReactNode } from "react";

/**
 * Focus moves to the form's error when it appears: the submit button the person used was disabled
 * while the request ran, which left focus on the page, and a keyboard or screen-reader user would
 * start over from its top. A stable callback, so that it runs when the alert mounts, not on
 * every render (the form clears its error on each submit, so each new error mounts it again).
 */
const focusOnMount = (node: HTMLDivElement | null) => node?.focus();

/** A problem with the form as a whole (not one field), announced as it appears. */
export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      tabIndex={-1}
      ref={focusOnMount}
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {message}
    </div>
  );
}

export function SubmitButton({
  pending,
  pendingLabel,
  children,
}: {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="w-full rounded-md bg-indigo-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-70"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
