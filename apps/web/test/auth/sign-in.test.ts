import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AuthHarness,
  createAuthHarness,
  newPerson,
  type Person,
  sessionCookieOf,
} from "../support/auth-harness.ts";

let harness: AuthHarness;
let person: Person;
beforeAll(async () => {
  harness = await createAuthHarness();
  person = newPerson();
  await harness.signUp(person);
});
afterAll(async () => {
  await harness?.close();
});

describe("sign-in (POST /api/auth/sign-in/email)", () => {
  it("signs a person in with a session cookie that get-session accepts", async () => {
    const response = await harness.post("/sign-in/email", {
      email: person.email.toUpperCase(),
      password: person.password,
    });
    expect(response.status).toBe(200);
    const cookie = sessionCookieOf(response);
    const session = await harness.get("/get-session", { cookie });
    expect(await session.json()).toMatchObject({ user: { email: person.email } });
  });

  it("gives a wrong password and an unknown email the same status and body", async () => {
    const wrongPassword = await harness.post("/sign-in/email", {
      email: person.email,
      password: "not the password",
    });
    const unknownEmail = await harness.post("/sign-in/email", {
      email: newPerson().email,
      password: "not the password",
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const [a, b] = [await wrongPassword.json(), await unknownEmail.json()];
    expect(a).toEqual({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
    expect(b).toEqual(a);
  });

  it("takes about as long for an unknown email as for a wrong password (measured, not asserted)", async () => {
    // Better Auth hashes the given password even when no account matches, so both paths pay
    // for one scrypt. Timing depends on the machine: this prints the medians, it asserts shape.
    const median = async (email: string) => {
      const samples: number[] = [];
      for (let round = 0; round < 7; round++) {
        const started = performance.now();
        const response = await harness.post("/sign-in/email", { email, password: "wrong guess 1" });
        samples.push(performance.now() - started);
        expect(response.status).toBe(401);
      }
      return samples.sort((x, y) => x - y)[3] as number;
    };
    const wrongPassword = await median(person.email);
    const unknownEmail = await median(newPerson().email);
    console.info(
      `sign-in timing (median of 7): wrong password ${wrongPassword.toFixed(1)} ms, ` +
        `unknown email ${unknownEmail.toFixed(1)} ms`,
    );
    expect(wrongPassword).toBeGreaterThan(0);
    expect(unknownEmail).toBeGreaterThan(0);
  });

  it("ends the session on sign-out", async () => {
    const signIn = await harness.post("/sign-in/email", person);
    const cookie = sessionCookieOf(signIn);
    const signOut = await harness.post("/sign-out", {}, { cookie });
    expect(signOut.status).toBe(200);
    const session = await harness.get("/get-session", { cookie });
    expect(await session.json()).toBeNull();
  });

  it("refuses sign-out posted from another origin (CSRF)", async () => {
    const signIn = await harness.post("/sign-in/email", person);
    const cookie = sessionCookieOf(signIn);
    const signOut = await harness.post("/sign-out", {}, { cookie, origin: "https://evil.example" });
    expect(signOut.status).toBe(403);
    const session = await harness.get("/get-session", { cookie });
    expect(await session.json()).toMatchObject({ user: { email: person.email } });
  });
});
