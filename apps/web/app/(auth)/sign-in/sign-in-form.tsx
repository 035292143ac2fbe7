"use client";

import Link from "next/link";
import { FormAlert, SubmitButton } from "@/components/forms/form-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import { useAuthForm } from "@/components/forms/use-auth-form.ts";
import { signInWithEmail } from "@/lib/auth/auth-client.ts";
import { validateSignIn } from "@/lib/auth/validation.ts";

const FIELDS = ["email", "password"] as const;

export function SignInForm({ next, signUpHref }: { next: string; signUpHref: string }) {
  const form = useAuthForm({
    fields: FIELDS,
    read: (data) => ({
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
    }),
    validate: validateSignIn,
    submit: signInWithEmail,
    destination: next,
  });

  return (
    <form noValidate onSubmit={form.onSubmit} aria-busy={form.pending} className="space-y-5">
      <FormAlert message={form.formError} />
      <TextField
        ref={form.register("email")}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={form.fieldErrors.email}
      />
      <TextField
        ref={form.register("password")}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        New to Ownlist?{" "}
        <Link
          href={signUpHref}
          className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
