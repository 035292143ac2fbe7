import type { Metadata } from "next";
import { type AuthPageSearchParams, prepareAuthPage } from "@/lib/auth/auth-page.ts";
import { SignUpForm } from "./sign-up-form.tsx";

export const metadata: Metadata = { title: "Create an account · Ownlist" };

export default async function SignUpPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const { next, signInHref } = await prepareAuthPage(searchParams);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Create an account</h1>
      <SignUpForm next={next} signInHref={signInHref} />
    </>
  );
}
