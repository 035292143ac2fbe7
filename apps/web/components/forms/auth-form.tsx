import Link from "next/link";
import type { ReactNode } from "react";
import { FormAlert, SubmitButton } from "./form-parts.tsx";
import type { AuthFormState } from "./use-auth-form.ts";

interface AuthFormProps {
  form: Pick<AuthFormState, "onSubmit" | "pending" | "formError">;
  submitLabel: string;
  /** Shown on the button while the request runs. */
  pendingLabel: string;
  /** The way to the other auth page, under the button ("New to Ownlist? Create an account"). */
  switchTo: { question: string; href: string; label: string };
  /** The fields. */
  children: ReactNode;
}

/** The frame the sign-in and sign-up forms share: the form's own error, the fields, submit. */
export function AuthForm({ form, submitLabel, pendingLabel, switchTo, children }: AuthFormProps) {
  return (
    <form noValidate onSubmit={form.onSubmit} aria-busy={form.pending} className="space-y-5">
      <FormAlert message={form.formError} />
      {children}
      <SubmitButton pending={form.pending} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {switchTo.question}{" "}
        <Link
          href={switchTo.href}
          className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400"
        >
          {switchTo.label}
        </Link>
      </p>
    </form>
  );
}
