import Link from "next/link";
import { redirect } from "next/navigation";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/safe-next-path.ts";
import { getCurrentUser } from "@/lib/server/session.ts";

/** The landing page for signed-out visitors; signed-in people go straight to their tasks. */
export default async function HomePage() {
  if (await getCurrentUser()) redirect(DEFAULT_AFTER_SIGN_IN);
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center px-6 py-16">
      <h1 className="text-4xl font-semibold tracking-tight">Ownlist</h1>
      <p className="mt-3 text-lg text-slate-600 dark:text-slate-400">
        Your tasks, yours alone. A calm list of what to do next, kept private to you.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link
          href="/sign-up"
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Create an account
        </Link>
        <Link
          href="/sign-in"
          className="rounded-md px-4 py-2 font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-900"
        >
          Sign in
        </Link>
      </div>
    </main>
  );
}
