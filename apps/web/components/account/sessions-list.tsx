"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { signOutEverywhereElse, signOutSession } from "@/app/(app)/account/actions.ts";
import { FormAlert } from "@/components/forms/form-parts.tsx";
import { ModalDialog } from "@/components/tasks/modal-dialog.tsx";
import { dangerButton, secondaryButton } from "@/components/tasks/styles.ts";
import type { AccountSession } from "@/lib/account/account-session.ts";
import { StatusMessage } from "./account-section.tsx";

/** Dates in words that read the same on the server and in the browser (no hydration drift). */
const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{DATE_FORMAT.format(new Date(iso))} UTC</time>;
}

/** Every active session, "This device" marked, and the ways to end the others. */
export function SessionsList({ sessions }: { sessions: AccountSession[] }) {
  const router = useRouter();
  const [pending, setPending] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const others = sessions.filter((session) => !session.current);

  async function run(
    key: string,
    action: () => ReturnType<typeof signOutEverywhereElse>,
    said: string,
  ) {
    setPending(key);
    setError(undefined);
    setDone(undefined);
    const result = await action();
    setPending(undefined);
    setConfirming(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setDone(said);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <FormAlert message={error} />
      <ul aria-label="Active sessions" className="divide-y divide-slate-200 dark:divide-slate-800">
        {sessions.map((session) => (
          <li
            key={session.id}
            data-session-id={session.id}
            className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
          >
            <div className="min-w-0">
              <p className="font-medium">
                {session.device}
                {session.current ? (
                  <span className="ml-2 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100">
                    This device
                  </span>
                ) : null}
              </p>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm text-slate-600 dark:text-slate-400">
                <dt>Address</dt>
                <dd className="break-all">{session.address ?? "Unknown"}</dd>
                <dt>Signed in</dt>
                <dd>
                  <When iso={session.startedAt} />
                </dd>
                <dt>Last active</dt>
                <dd>
                  <When iso={session.lastUsedAt} />
                </dd>
              </dl>
            </div>
            {session.current ? null : (
              <button
                type="button"
                className={secondaryButton}
                disabled={pending !== undefined}
                aria-busy={pending === session.id}
                aria-label={`Sign out ${session.device}, signed in ${DATE_FORMAT.format(new Date(session.startedAt))} UTC`}
                onClick={() =>
                  void run(
                    session.id,
                    () => signOutSession(session.id),
                    `${session.device} is signed out.`,
                  )
                }
              >
                {pending === session.id ? "Signing out…" : "Sign out"}
              </button>
            )}
          </li>
        ))}
      </ul>
      <StatusMessage message={done} />
      {others.length > 0 ? (
        <button
          type="button"
          className={secondaryButton}
          disabled={pending !== undefined}
          onClick={() => setConfirming(true)}
        >
          Sign out everywhere else
        </button>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          You are signed in on this device only.
        </p>
      )}
      <ModalDialog
        open={confirming}
        title="Sign out everywhere else?"
        onClose={() => setConfirming(false)}
        initialFocus={cancel}
        role="alertdialog"
      >
        <p>
          {others.length === 1
            ? "The other session will be signed out."
            : `The other ${others.length} sessions will be signed out.`}{" "}
          This device stays signed in.
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-3">
          <button
            ref={cancel}
            type="button"
            className={secondaryButton}
            onClick={() => setConfirming(false)}
          >
            Cancel
          </button>
          <button
            type="button"
            className={dangerButton}
            disabled={pending !== undefined}
            aria-busy={pending === "others"}
            onClick={() =>
              void run("others", signOutEverywhereElse, "Every other session is signed out.")
            }
          >
            {pending === "others" ? "Signing out…" : "Sign out everywhere else"}
          </button>
        </div>
      </ModalDialog>
    </div>
  );
}
