import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/session.ts";

export const metadata: Metadata = { title: "Account · Ownlist" };

export default async function AccountPage() {
  // Checked here too: a client-side navigation re-renders the page but not the shared layout.
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?next=%2Faccount");
  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading" className="text-2xl font-semibold tracking-tight">
        Account
      </h1>
      <dl className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        <div className="grid grid-cols-3 items-baseline gap-4 px-4 py-3">
          <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">Name</dt>
          <dd className="col-span-2">{user.name}</dd>
        </div>
        <div className="grid grid-cols-3 items-baseline gap-4 px-4 py-3">
          <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">Email</dt>
          <dd className="col-span-2 break-all">{user.email}</dd>
        </div>
      </dl>
    </section>
  );
}
