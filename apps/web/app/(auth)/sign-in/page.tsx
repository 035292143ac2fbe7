import type { Metadata } from "next";
import { type AuthPageSearchParams, prepareAuthPage } from "@/lib/auth/auth-page.ts";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in · Ownlist" };

export default async function SignInPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const { next, signUpHref } = await prepareAuthPage(searchParams);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Sign in</h1>
      <SignInForm next={next} signUpHref={signUpHref} />
    </>
  );
}
