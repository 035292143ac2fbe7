import Link from "next/link";
import type { ReactNode } from "react";
import { FormAlert, SubmitButton } from "./form-parts.tsx";
import type { AuthFormState } from "@/hooks/use-auth-form.ts";

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
    // method="post": submitted before the page's script runs (slow network, a password manager's
    // autofill-and-submit), a form without one would put the email and password in the URL
    // (GET /sign-in?email=…&password=…), its history entry and every log on the way. As a POST
    // the fields travel in the body, which web ignores and never logs; the page comes back as it
    // was, with the notice below when JavaScript is off.
    <form
      method="post"
      noValidate
      onSubmit={(event) => void form.onSubmit(event)}
      aria-busy={form.pending}
      className="space-y-5"
    >
      <noscript>
        <p
          role="alert"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          Ownlist needs JavaScript to sign in or create an account. Turn it on and reload the page.
        </p>
      </noscript>
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
