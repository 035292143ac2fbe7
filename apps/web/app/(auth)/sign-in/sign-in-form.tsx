"use client";

import { AuthForm } from "@/components/forms/auth-form.tsx";
import { EmailField, TextField } from "@/components/forms/text-field.tsx";
import { useAuthForm } from "@/hooks/use-auth-form.ts";
import { signInWithEmail } from "@/lib/auth/auth-client.ts";
import { readSignIn } from "@/lib/auth/form-input.ts";
import { validateSignIn } from "@/lib/auth/validation.ts";

const FIELDS = ["email", "password"] as const;

export function SignInForm({ next, signUpHref }: { next: string; signUpHref: string }) {
  const form = useAuthForm({
    fields: FIELDS,
    read: readSignIn,
    validate: validateSignIn,
    submit: signInWithEmail,
    destination: next,
  });

  return (
    <AuthForm
      form={form}
      submitLabel="Sign in"
      pendingLabel="Signing in…"
      switchTo={{ question: "New to Ownlist?", href: signUpHref, label: "Create an account" }}
    >
      <EmailField {...form.field("email")} />
      <TextField
        {...form.field("password")}
        label="Password"
        type="password"
        autoComplete="current-password"
        required
      />
    </AuthForm>
  );
}
