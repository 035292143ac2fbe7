"use client";

import Link from "next/link";
import { FormAlert, SubmitButton } from "@/components/forms/form-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import { useAuthForm } from "@/components/forms/use-auth-form.ts";
import { signUpWithEmail } from "@/lib/auth/auth-client.ts";
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  validateSignUp,
} from "@/lib/auth/validation.ts";

const FIELDS = ["name", "email", "password"] as const;

export function SignUpForm({ next, signInHref }: { next: string; signInHref: string }) {
  const form = useAuthForm({
    fields: FIELDS,
    read: (data) => ({
      name: String(data.get("name") ?? "").trim(),
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
    }),
    validate: validateSignUp,
    submit: signUpWithEmail,
    destination: next,
  });

  return (
    <form noValidate onSubmit={form.onSubmit} aria-busy={form.pending} className="space-y-5">
      <FormAlert message={form.formError} />
      <TextField
        ref={form.register("name")}
        name="name"
        label="Name"
        autoComplete="name"
        maxLength={NAME_MAX_LENGTH}
        required
        error={form.fieldErrors.name}
      />
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
        autoComplete="new-password"
        required
        hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`}
        error={form.fieldErrors.password}
      />
      <SubmitButton pending={form.pending} pendingLabel="Creating account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link
          href={signInHref}
          className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
