"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { FormAlert } from "@/components/forms/form-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import { primaryButton } from "@/components/tasks/styles.ts";
import { updateName } from "@/lib/auth/auth-client.ts";
import { describeAuthFailure } from "@/lib/auth/error-messages.ts";
import { readText } from "@/lib/auth/form-input.ts";
import { checkName, NAME_MAX_LENGTH } from "@/lib/auth/validation.ts";
import { StatusMessage } from "./account-section.tsx";

/** The name (the sign-up rule, validation.ts) and the email, which cannot change here. */
export function ProfileForm({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const value = readText(new FormData(event.currentTarget), "name").trim();
    const problem = checkName(value);
    setSaved(undefined);
    setFormError(undefined);
    setError(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    setPending(true);
    const result = await updateName(value);
    setPending(false);
    if (result.ok) {
      setSaved("Your name is saved.");
      // The header shows the name too: render the server's pages again.
      router.refresh();
      return;
    }
    const failure = describeAuthFailure(result);
    if (failure.field === "name") {
      setError(failure.message);
      input.current?.focus();
    } else setFormError(failure.message);
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-4">
      <FormAlert message={formError} />
      <TextField
        ref={input}
        name="name"
        label="Name"
        autoComplete="name"
        defaultValue={name}
        maxLength={NAME_MAX_LENGTH}
        required
        error={error}
      />
      <div>
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Email</p>
        <p className="mt-1 break-all">{email}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} aria-busy={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save name"}
        </button>
        <StatusMessage message={saved} />
      </div>
    </form>
  );
}
