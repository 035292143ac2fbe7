import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountSection } from "@/components/account/account-section.tsx";
import { DeleteAccount } from "@/components/account/delete-account.tsx";
import { ExportButtons } from "@/components/account/export-buttons.tsx";
import { ImportForm } from "@/components/account/import-form.tsx";
import { PasswordForm } from "@/components/account/password-form.tsx";
import { ProfileForm } from "@/components/account/profile-form.tsx";
import { SessionsList } from "@/components/account/sessions-list.tsx";
import { listAccountSessions } from "@/lib/server/account-sessions.ts";
import { getConfig } from "@/lib/server/config.ts";
import { getCurrentUser } from "@/lib/server/session.ts";

export const metadata: Metadata = { title: "Account · Ownlist" };

/** "15 minutes" from JWT_TTL_SECONDS, rounded up to what a person reads. */
function describeTokenLifetime(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

/** The account centre: docs/contract.md#account-page. */
export default async function AccountPage() {
  // Checked here too: a client-side navigation re-renders the page but not the shared layout.
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?next=%2Faccount");
  const sessions = await listAccountSessions(await headers());
  const tokenLifetime = describeTokenLifetime(getConfig().token.ttlSeconds);

  return (
    <div className="space-y-6">
      <h1 id="account-heading" className="text-2xl font-semibold tracking-tight">
        Account
      </h1>
      <AccountSection id="profile" title="Profile">
        <ProfileForm name={user.name} email={user.email} />
      </AccountSection>
      <AccountSection
        id="sessions"
        title="Where you're signed in"
        description={
          <p>
            A browser you sign out goes to the sign-in page the next time it loads a page or asks
            for a new API token. Tokens it already holds keep working for at most {tokenLifetime},
            until they expire.
          </p>
        }
      >
        <SessionsList sessions={sessions} />
      </AccountSection>
      <AccountSection
        id="password"
        title="Change password"
        description={<p>Changing it signs you out everywhere else.</p>}
      >
        <PasswordForm />
      </AccountSection>
      <AccountSection
        id="export"
        title="Download my tasks"
        description={
          <p>Every task with every field: JSON to import again, CSV for a spreadsheet.</p>
        }
      >
        <ExportButtons />
      </AccountSection>
      <AccountSection id="import" title="Import tasks">
        <ImportForm />
      </AccountSection>
      <AccountSection
        id="delete"
        title="Delete account"
        description={
          <p>Deletes your account, every task and every session. This cannot be undone.</p>
        }
      >
        <DeleteAccount />
      </AccountSection>
    </div>
  );
}
