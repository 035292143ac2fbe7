import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCommonPassword } from "../../lib/auth/common-passwords.ts";
import { describeAuthFailure } from "../../lib/auth/error-messages.ts";
import { PASSWORD_PROBLEMS, validateSignUp } from "../../lib/auth/validation.ts";
import { type AuthHarness, createAuthHarness, newPerson } from "../support/auth-harness.ts";

/** Issue 11 item 8(a)(b): weak new passwords are refused by the server, with clear words. */
let harness: AuthHarness;
beforeAll(async () => {
  harness = await createAuthHarness();
});
afterAll(async () => {
  await harness?.close();
});

const WEAK: Array<[string, string, keyof typeof PASSWORD_PROBLEMS]> = [
  ["eight spaces", " ".repeat(8), "PASSWORD_ONLY_WHITESPACE"],
  ["tabs and spaces", " \t \t \t \t", "PASSWORD_ONLY_WHITESPACE"],
  ["one character repeated", "aaaaaaaa", "PASSWORD_ONE_CHARACTER"],
  ["one emoji repeated", "🔑".repeat(8), "PASSWORD_ONE_CHARACTER"],
  ["a common password", "12345678", "PASSWORD_TOO_COMMON"],
  ["a common password in another case", "PassWord123", "PASSWORD_TOO_COMMON"],
  ["another common password", "iloveyou1", "PASSWORD_TOO_COMMON"],
];

describe("sign-up refuses weak passwords on the server", () => {
  it.each(WEAK)("refuses %s; no account is made", async (_label, password, code) => {
    const person = newPerson({ password });
    const response = await harness.post("/sign-up/email", person);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code, message: PASSWORD_PROBLEMS[code] });
    const signIn = await harness.post("/sign-in/email", { email: person.email, password });
    expect(signIn.status).toBe(401);
  });

  it("accepts a password that is none of these", async () => {
    const response = await harness.post(
      "/sign-up/email",
      newPerson({ password: "mauve otter 42" }),
    );
    expect(response.status).toBe(200);
  });
});

describe("changing a password refuses weak ones too", () => {
  it("refuses a common new password at /change-password and keeps the old one", async () => {
    const person = newPerson();
    const { cookie } = await harness.signUp(person);
    const response = await harness.post(
      "/change-password",
      { currentPassword: person.password, newPassword: "password1" },
      { cookie },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "PASSWORD_TOO_COMMON" });
    const signIn = await harness.post("/sign-in/email", {
      email: person.email,
      password: person.password,
    });
    expect(signIn.status).toBe(200);
  });

  it("refuses a whitespace-only password at /reset-password before looking at the token", async () => {
    const response = await harness.post("/reset-password", {
      token: "anything",
      newPassword: " ".repeat(10),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "PASSWORD_ONLY_WHITESPACE" });
  });
});

describe("the form", () => {
  it("says so before sending for whitespace and a repeated character", () => {
    expect(validateSignUp({ name: "A", email: "a@b.co", password: " ".repeat(8) })).toEqual({
      password: PASSWORD_PROBLEMS.PASSWORD_ONLY_WHITESPACE,
    });
    expect(validateSignUp({ name: "A", email: "a@b.co", password: "xxxxxxxxx" })).toEqual({
      password: PASSWORD_PROBLEMS.PASSWORD_ONE_CHARACTER,
    });
    expect(validateSignUp({ name: "A", email: "a@b.co", password: "mauve otter 42" })).toEqual({});
  });

  it("puts the server's answer on the password field in plain words", () => {
    for (const code of Object.keys(PASSWORD_PROBLEMS) as Array<keyof typeof PASSWORD_PROBLEMS>) {
      expect(
        describeAuthFailure({
          ok: false,
          status: 400,
          code,
          message: undefined,
          retryAfterSeconds: undefined,
        }),
      ).toEqual({ field: "password", message: PASSWORD_PROBLEMS[code] });
    }
  });

  it("explains the per-account limit with the wait", () => {
    expect(
      describeAuthFailure({
        ok: false,
        status: 429,
        code: "TOO_MANY_FAILED_SIGN_INS",
        message: undefined,
        retryAfterSeconds: 600,
      }).message,
    ).toBe(
      "Too many failed sign-ins for this email. Wait 10 minutes and try again, or check the address.",
    );
  });
});

describe("the common-password list", () => {
  it("is shipped offline and matches in any letter case", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("QWERTY123")).toBe(true);
    expect(isCommonPassword("mauve otter 42")).toBe(false);
  });
});
