import type { Metadata } from "next";
import { type AuthPageSearchParams, prepareAuthPage } from "@/lib/auth/auth-page.ts";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in · Ownlist" };

export default async function SignInPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const { next, signUpHref } = await prepareAuthPage(searchParams);
  // Set by the browser's api client when the session ended under a page (api-fetch.ts).
  const expired = (await searchParams).expired === "1";
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Sign in</h1>
      {expired ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Your session expired — sign in again; your unsaved changes are kept.
        </p>
      ) : null}
      <SignInForm next={next} signUpHref={signUpHref} />
    </>
  );
}
