import type { AuthResult } from "./auth-client.ts";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEMS,
  type SignUpField,
} from "./validation.ts";

/** Every field an auth or account form can have a message on. */
export type AuthField = SignUpField | "currentPassword" | "newPassword";

/** The code of the 429 the per-account sign-in limit answers (create-auth.ts). */
export const TOO_MANY_FAILED_SIGN_INS = "TOO_MANY_FAILED_SIGN_INS";

/** The code of the 429 the per-person password-check limit answers (create-auth.ts). */
export const TOO_MANY_FAILED_PASSWORD_CHECKS = "TOO_MANY_FAILED_PASSWORD_CHECKS";

/** One message for a wrong password and an unknown email: neither tells which it was. */
export const INVALID_CREDENTIALS_MESSAGE = "Incorrect email or password.";

export const DUPLICATE_EMAIL_MESSAGE =
  "An account with this email already exists. Sign in instead, or use another email.";

export interface AuthErrorMessage {
  /** The field the message belongs to, or undefined for the form as a whole. */
  field: AuthField | undefined;
  message: string;
}

type AuthFailure = Extract<AuthResult, { ok: false }>;

/** Turns Better Auth's error codes into words for a person, attached to the right field. */
export function describeAuthFailure(failure: AuthFailure): AuthErrorMessage {
  if (failure.status === 0) {
    return { field: undefined, message: "Ownlist could not be reached. Check your connection." };
  }
  if (failure.status === 503) {
    return {
      field: undefined,
      message: "Ownlist is unavailable right now. Try again in a moment.",
    };
  }
  if (failure.status === 429 && failure.code === TOO_MANY_FAILED_SIGN_INS) {
    return {
      field: undefined,
      message: `Too many failed sign-ins for this email. Wait ${describeWait(failure.retryAfterSeconds)} and try again, or check the address.`,
    };
  }
  if (failure.status === 429 && failure.code === TOO_MANY_FAILED_PASSWORD_CHECKS) {
    return {
      field: undefined,
      message: `Too many wrong passwords. Wait ${describeWait(failure.retryAfterSeconds)} and try again.`,
    };
  }
  if (failure.status === 429) {
    const wait = failure.retryAfterSeconds;
    return {
      field: undefined,
      message: `Too many attempts. Wait ${wait ? `${wait} second${wait === 1 ? "" : "s"}` : "a moment"} and try again.`,
    };
  }
  switch (failure.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return { field: undefined, message: INVALID_CREDENTIALS_MESSAGE };
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return { field: "email", message: DUPLICATE_EMAIL_MESSAGE };
    case "VALIDATION_ERROR":
      // Better Auth's body schema names the field: "[body.email] Invalid email address".
      return failure.message?.startsWith("[body.email]")
        ? { field: "email", message: "Enter an email address like name@example.com." }
        : { field: undefined, message: "Check the fields and try again." };
    case "INVALID_EMAIL":
      return { field: "email", message: "Enter an email address like name@example.com." };
    case "PASSWORD_TOO_SHORT":
      return { field: "password", message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
    case "PASSWORD_TOO_LONG":
      return { field: "password", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
    case "PASSWORD_ONLY_WHITESPACE":
    case "PASSWORD_ONE_CHARACTER":
    case "PASSWORD_TOO_COMMON":
      return { field: "password", message: PASSWORD_PROBLEMS[failure.code] };
    case "INVALID_NAME":
      return { field: "name", message: "Enter your name (at most 100 characters)." };
    case "INVALID_PASSWORD":
    case "PASSWORD_REQUIRED":
      // Change password and delete account: the password the person typed to prove it is them.
      return { field: "currentPassword", message: "That is not your current password." };
    case "CREDENTIAL_ACCOUNT_NOT_FOUND":
      return { field: undefined, message: "This account has no password to check." };
    case "UNAUTHORIZED":
    case "SESSION_EXPIRED":
      return { field: undefined, message: "Your session has ended. Sign in again to continue." };
    default:
      return { field: undefined, message: "Something went wrong. Please try again." };
  }
}

function describeWait(seconds: number | undefined): string {
  if (!seconds) return "a while";
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
