import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { CurrentUserProvider } from "@/components/session/current-user.tsx";
import { SessionSync } from "@/components/session/session-sync.tsx";
import { SignOutButton } from "@/components/session/sign-out-button.tsx";
import { ApiClientProvider } from "@/lib/api-client/api-client-provider.tsx";
import { signInPathFor } from "@/lib/auth/safe-next-path.ts";
import { getConfig } from "@/lib/server/config.ts";
import { getCurrentUser, getRequestPath } from "@/lib/server/session.ts";

/**
 * The signed-in shell. The session is checked here on the server against the database; a
 * signed-out visitor goes to sign-in and comes back to the page they asked for.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect(signInPathFor(await getRequestPath()));
  // Read at request time, so one build runs against any api address.
  const { apiUrl } = getConfig();

  return (
    <CurrentUserProvider user={user}>
      <ApiClientProvider apiUrl={apiUrl}>
        <SessionSync />
        <header className="border-b border-slate-200 dark:border-slate-800">
          <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
            <Link
              href="/tasks"
              className="rounded text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              Ownlist
            </Link>
            <nav aria-label="Account" className="flex items-center gap-3 text-sm">
              <span className="hidden text-slate-600 sm:inline dark:text-slate-400">
                {user.name}
              </span>
              <Link
                href="/account"
                className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-200 dark:hover:bg-slate-900"
              >
                Account
              </Link>
              <SignOutButton />
            </nav>
          </div>
        </header>
        <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
      </ApiClientProvider>
    </CurrentUserProvider>
  );
}
