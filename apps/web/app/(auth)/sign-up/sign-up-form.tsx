"use client";

import { AuthForm } from "@/components/forms/auth-form.tsx";
import { EmailField, TextField } from "@/components/forms/text-field.tsx";
import { useAuthForm } from "@/hooks/use-auth-form.ts";
import { signUpWithEmail } from "@/lib/auth/auth-client.ts";
import { readSignUp } from "@/lib/auth/form-input.ts";
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
    read: readSignUp,
    validate: validateSignUp,
    submit: signUpWithEmail,
    destination: next,
  });

  return (
    <AuthForm
      form={form}
      submitLabel="Create account"
      pendingLabel="Creating account…"
      switchTo={{ question: "Already have an account?", href: signInHref, label: "Sign in" }}
    >
      <TextField
        {...form.field("name")}
        label="Name"
        autoComplete="name"
        maxLength={NAME_MAX_LENGTH}
        required
      />
      <EmailField {...form.field("email")} />
      <TextField
        {...form.field("password")}
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`}
      />
    </AuthForm>
  );
}
