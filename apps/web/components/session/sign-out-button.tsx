"use client";

import { useState } from "react";
import { clearApiToken } from "@/lib/api-client/api-fetch.ts";
import { postTabMessage } from "@/lib/api-client/tab-channel.ts";
import { signOut } from "@/lib/auth/auth-client.ts";
import { forgetDrafts } from "@/lib/tasks/draft-store.ts";

/**
 * Ends the Better Auth session, forgets the in-memory API token and this browser's unsaved drafts
 * (decision 035), tells the browser's other tabs to drop theirs (SessionSync), and goes to
 * sign-in.
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function handleClick() {
    setPending(true);
    setFailed(false);
    clearApiToken();
    const result = await signOut();
    if (result.ok) {
      forgetDrafts();
      // Only once the session is gone: a tab sent to sign-in earlier would still be signed in.
      postTabMessage({ type: "signed-out" });
      // A full load, so no page rendered for the signed-in person stays in the router's cache.
      window.location.assign("/sign-in");
      return;
    }
    setPending(false);
    setFailed(true);
  }

  return (
    <>
      <button
        type="button"
        onClick={() => void handleClick()}
        disabled={pending}
        aria-busy={pending}
        className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-60 dark:text-slate-200 dark:hover:bg-slate-900"
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {failed ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          Sign-out failed. Try again.
        </span>
      ) : null}
    </>
  );
}
