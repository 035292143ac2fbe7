import type { SignInInput, SignUpInput } from "./auth-client.ts";

/**
 * What the sign-in and sign-up forms send, read from their fields. Name and email are trimmed
 * (a stray space is a typing slip); a password is sent exactly as typed.
 */
export function readSignIn(data: FormData): SignInInput {
  return { email: readText(data, "email").trim(), password: readText(data, "password") };
}

export function readSignUp(data: FormData): SignUpInput {
  return { name: readText(data, "name").trim(), ...readSignIn(data) };
}

/** A text field's value; a File in a text field is no text. */
export function readText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
