"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { FormAlert } from "@/components/forms/form-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import { primaryButton } from "@/components/tasks/styles.ts";
import { changePassword } from "@/lib/auth/auth-client.ts";
import { describeAuthFailure } from "@/lib/auth/error-messages.ts";
import { readText } from "@/lib/auth/form-input.ts";
import { checkNewPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/validation.ts";
import { StatusMessage } from "./account-section.tsx";

type Field = "currentPassword" | "newPassword" | "confirmPassword";
const FIELDS: readonly Field[] = ["currentPassword", "newPassword", "confirmPassword"];

/**
 * Current password, new password (the sign-up policy: validation.ts here, the common-password
 * list on the server), and the new one again. Success ends every other session.
 */
export function PasswordForm() {
  const router = useRouter();
  const inputs = useRef(new Map<Field, HTMLInputElement>());
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const register = (field: Field) => (node: HTMLInputElement | null) => {
    if (node) inputs.current.set(field, node);
    else inputs.current.delete(field);
  };

  function show(next: Partial<Record<Field, string>>) {
    setErrors(next);
    const first = FIELDS.find((field) => next[field]);
    if (first) inputs.current.get(first)?.focus();
    return first !== undefined;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const read = (field: Field) => readText(data, field);
    const currentPassword = read("currentPassword");
    const newPassword = read("newPassword");
    setSaved(undefined);
    setFormError(undefined);
    const found: Partial<Record<Field, string>> = {};
    if (currentPassword === "") found.currentPassword = "Enter your current password.";
    const newProblem = checkNewPassword(newPassword);
    if (newProblem) found.newPassword = newProblem;
    else if (newPassword === currentPassword) {
      found.newPassword = "Choose a password different from the current one.";
    }
    if (read("confirmPassword") !== newPassword) {
      found.confirmPassword = "The two new passwords differ. Type the same one twice.";
    }
    if (show(found)) return;
    setPending(true);
    const result = await changePassword({ currentPassword, newPassword });
    setPending(false);
    if (result.ok) {
      form.reset();
      setSaved("Your password is changed. Every other session has been signed out.");
      router.refresh();
      return;
    }
    const failure = describeAuthFailure(result);
    // The sign-up codes name the new password "password".
    const field: Field | undefined =
      failure.field === "password" ? "newPassword" : (failure.field as Field | undefined);
    if (field && FIELDS.includes(field)) show({ [field]: failure.message });
    else setFormError(failure.message);
  }

  const field = (name: Field) => ({ name, error: errors[name], ref: register(name) });

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-4">
      <FormAlert message={formError} />
      <TextField
        {...field("currentPassword")}
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
      />
      <TextField
        {...field("newPassword")}
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password.`}
        required
      />
      <TextField
        {...field("confirmPassword")}
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} aria-busy={pending} className={primaryButton}>
          {pending ? "Changing…" : "Change password"}
        </button>
        <StatusMessage message={saved} />
      </div>
    </form>
  );
}
