import { describe, expect, it } from "vitest";
import type { AuthResult } from "../../lib/auth/auth-client.ts";
import {
  DUPLICATE_EMAIL_MESSAGE,
  describeAuthFailure,
  INVALID_CREDENTIALS_MESSAGE,
} from "../../lib/auth/error-messages.ts";
import { validateSignIn, validateSignUp } from "../../lib/auth/validation.ts";

const failure = (
  status: number,
  code?: string,
  extra: Partial<Extract<AuthResult, { ok: false }>> = {},
): Extract<AuthResult, { ok: false }> => ({
  ok: false,
  status,
  code,
  message: undefined,
  retryAfterSeconds: undefined,
  ...extra,
});

describe("form checks", () => {
  it("asks for each sign-in field", () => {
    expect(validateSignIn({ email: "", password: "" })).toEqual({
      email: "Enter your email address.",
      password: "Enter your password.",
    });
    expect(validateSignIn({ email: "a@b.co", password: "x" })).toEqual({});
  });

  it("checks name, email shape and the 8..128 password length on sign-up", () => {
    expect(validateSignUp({ name: " ", email: "nope", password: "short" })).toEqual({
      name: "Enter your name.",
      email: "Enter an email address like name@example.com.",
      password: "Use at least 8 characters.",
    });
    expect(validateSignUp({ name: "A", email: "a@b.co", password: "x".repeat(129) })).toEqual({
      password: "Use at most 128 characters.",
    });
    expect(validateSignUp({ name: "A", email: "a@b.co", password: "xyzxyzxy" })).toEqual({});
  });
});

describe("describeAuthFailure", () => {
  it("says the same thing for a wrong password and an unknown email", () => {
    expect(describeAuthFailure(failure(401, "INVALID_EMAIL_OR_PASSWORD"))).toEqual({
      field: undefined,
      message: INVALID_CREDENTIALS_MESSAGE,
    });
  });

  it("puts a duplicate email on the email field", () => {
    expect(describeAuthFailure(failure(422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"))).toEqual({
      field: "email",
      message: DUPLICATE_EMAIL_MESSAGE,
    });
  });

  it("tells how long to wait when rate limited", () => {
    expect(describeAuthFailure(failure(429, undefined, { retryAfterSeconds: 42 })).message).toBe(
      "Too many attempts. Wait 42 seconds and try again.",
    );
  });

  it("maps Better Auth's schema error on the email to the email field", () => {
    const result = describeAuthFailure(
      failure(400, "VALIDATION_ERROR", { message: "[body.email] Invalid email address" }),
    );
    expect(result.field).toBe("email");
  });

  it("says the service is unavailable and to try again on a 503 (the database away)", () => {
    expect(describeAuthFailure(failure(503, undefined))).toEqual({
      field: undefined,
      message: "Ownlist is unavailable right now. Try again in a moment.",
    });
  });

  it("never shows raw server text for unknown failures", () => {
    expect(describeAuthFailure(failure(500, "SOMETHING", { message: "stack…" }))).toEqual({
      field: undefined,
      message: "Something went wrong. Please try again.",
    });
    expect(describeAuthFailure(failure(0)).message).toMatch(/could not be reached/);
  });
});
