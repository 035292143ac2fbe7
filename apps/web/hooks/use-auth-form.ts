"use client";

import { type FormEvent, useRef, useState } from "react";
import type { AuthResult } from "@/lib/auth/auth-client.ts";
import { describeAuthFailure } from "@/lib/auth/error-messages.ts";
import type { FieldErrors } from "@/lib/auth/validation.ts";

interface AuthFormOptions<Field extends string, Input extends Record<Field, string>> {
  /** The form's fields, in the order they appear (the first invalid one gets focus). */
  fields: readonly Field[];
  read: (data: FormData) => Input;
  validate: (input: Input) => FieldErrors<Field>;
  submit: (input: Input) => Promise<AuthResult>;
  /** Where to go on success: a full page load, so the server renders the signed-in app. */
  destination: string;
}

/**
 * Shared behaviour of the sign-in and sign-up forms: check fields first and focus the first bad
 * one; while the request runs, say so; put Better Auth's answer on the field it is about, or
 * on the form as a whole.
 */
export function useAuthForm<Field extends string, Input extends Record<Field, string>>(
  options: AuthFormOptions<Field, Input>,
) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const inputs = useRef(new Map<Field, HTMLInputElement>());

  const focus = (field: Field) => inputs.current.get(field)?.focus();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = options.read(new FormData(event.currentTarget));
    const errors = options.validate(input);
    setFieldErrors(errors);
    setFormError(undefined);
    const firstInvalid = options.fields.find((field) => errors[field]);
    if (firstInvalid) {
      focus(firstInvalid);
      return;
    }
    setPending(true);
    const result = await options.submit(input);
    if (result.ok) {
      // Stay "pending" while the browser navigates away.
      window.location.assign(options.destination);
      return;
    }
    setPending(false);
    const { field, message } = describeAuthFailure(result);
    if (field && options.fields.includes(field as Field)) {
      setFieldErrors({ [field]: message } as FieldErrors<Field>);
      focus(field as Field);
    } else {
      setFormError(message);
    }
  }

  /** Ref callback registering an input, so the hook can move focus to it. */
  const register =
    (field: Field) =>
    (node: HTMLInputElement | null): void => {
      if (node) inputs.current.set(field, node);
      else inputs.current.delete(field);
    };

  /** What a TextField needs to take part: its name, its error, and a ref for focus. */
  const field = (name: Field) => ({ name, error: fieldErrors[name], ref: register(name) });

  return { onSubmit, formError, pending, field };
}

export type AuthFormState = ReturnType<typeof useAuthForm>;
