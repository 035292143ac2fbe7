import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Account deleted · Ownlist" };

/** Where a deleted account lands (docs/contract.md#deleting-an-account). */
export default function GoodbyePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Your account is deleted</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Your account, your tasks and every session are gone, and you are signed out. Thank you for
        using Ownlist.
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Changed your mind?{" "}
        <Link
          href="/sign-up"
          className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400"
        >
          Create a new account
        </Link>
      </p>
    </div>
  );
}
