"use client";

import { type FormEvent, useRef, useState } from "react";
import { FormAlert } from "@/components/forms/form-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import { ModalDialog } from "@/components/tasks/modal-dialog.tsx";
import { dangerButton, secondaryButton } from "@/components/tasks/styles.ts";
import { clearApiToken } from "@/lib/api-client/api-fetch.ts";
import { deleteAccount } from "@/lib/auth/auth-client.ts";
import { describeAuthFailure } from "@/lib/auth/error-messages.ts";
import { readText } from "@/lib/auth/form-input.ts";

/** The word typed out to confirm (docs/contract.md#deleting-an-account). */
export const DELETE_CONFIRMATION_WORD = "DELETE";

/** The button, and the dialog that asks for the password and the word DELETE. */
export function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const password = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLInputElement>(null);

  function close() {
    if (pending) return;
    setOpen(false);
    setErrors({});
    setFormError(undefined);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const typedPassword = readText(data, "password");
    const word = readText(data, "confirm").trim();
    const found: { password?: string; confirm?: string } = {};
    if (typedPassword === "") found.password = "Enter your password.";
    if (word !== DELETE_CONFIRMATION_WORD) {
      found.confirm = `Type ${DELETE_CONFIRMATION_WORD} in capital letters to confirm.`;
    }
    setErrors(found);
    setFormError(undefined);
    if (found.password) return password.current?.focus();
    if (found.confirm) return confirm.current?.focus();
    setPending(true);
    const result = await deleteAccount(typedPassword);
    if (result.ok) {
      clearApiToken();
      // A full load: nothing rendered for the deleted person stays in the router's cache.
      window.location.assign("/goodbye");
      return;
    }
    setPending(false);
    const failure = describeAuthFailure(result);
    if (failure.field === "currentPassword") {
      setErrors({ password: failure.message });
      password.current?.focus();
    } else setFormError(failure.message);
  }

  return (
    <>
      <button type="button" className={dangerButton} onClick={() => setOpen(true)}>
        Delete my account…
      </button>
      <ModalDialog
        open={open}
        title="Delete your account?"
        onClose={close}
        initialFocus={password}
        role="alertdialog"
      >
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-4">
          <p>
            This deletes your account, every task in it and every session, at once and for good. It
            cannot be undone. Download your tasks first if you want to keep them.
          </p>
          <FormAlert message={formError} />
          <TextField
            ref={password}
            name="password"
            label="Your password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.password}
          />
          <TextField
            ref={confirm}
            name="confirm"
            label={`Type ${DELETE_CONFIRMATION_WORD} to confirm`}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            error={errors.confirm}
          />
          <div className="flex flex-wrap justify-end gap-3">
            <button type="button" className={secondaryButton} onClick={close}>
              Keep my account
            </button>
            <button type="submit" className={dangerButton} disabled={pending} aria-busy={pending}>
              {pending ? "Deleting…" : "Delete my account and tasks"}
            </button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
