import { describe, expect, it } from "vitest";
import { readSignIn, readSignUp } from "../../lib/auth/form-input.ts";

const formData = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("reading the auth forms", () => {
  it("trims the email but sends the password exactly as typed", () => {
    expect(readSignIn(formData({ email: "  ada@example.test ", password: " pass word " }))).toEqual(
      { email: "ada@example.test", password: " pass word " },
    );
  });

  it("trims the name on sign-up and reads email and password as sign-in does", () => {
    const data = formData({ name: " Ada ", email: "ada@example.test\t", password: "p " });
    expect(readSignUp(data)).toEqual({ name: "Ada", email: "ada@example.test", password: "p " });
  });

  it("reads a missing field as empty, so validation reports it", () => {
    expect(readSignUp(new FormData())).toEqual({ name: "", email: "", password: "" });
  });

  it("reads a file sent in a text field as empty, not as its object name", () => {
    const data = formData({ name: "Ada", password: "p" });
    data.set("email", new Blob(["ada@example.test"]), "email.txt");
    expect(readSignUp(data)).toEqual({ name: "Ada", email: "", password: "p" });
  });
});
