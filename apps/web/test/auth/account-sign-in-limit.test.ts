import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, createAuthHarness, newPerson } from "../support/auth-harness.ts";

/**
 * Issue 11 item 8(c): failed sign-ins are limited per account (normalised email) as well as per
 * address, so spraying one account's password from many addresses is stopped too.
 */
const MAX = 3;
let harness: AuthHarness;
beforeAll(async () => {
  harness = await createAuthHarness({
    AUTH_FAILED_SIGN_IN_MAX: String(MAX),
    AUTH_FAILED_SIGN_IN_WINDOW_SECONDS: "900",
  });
});
afterAll(async () => {
  await harness?.close();
});

let address = 0;
/** A different client address every call: the per-address limit never trips. */
const nextIp = () => `198.51.100.${(address += 1)}`;

const signIn = (email: string, password: string) =>
  harness.post("/sign-in/email", { email, password }, { ip: nextIp() });

describe("the per-account limit on sign-in", () => {
  it(`refuses the ${MAX + 1}th attempt on one account from ${MAX + 1} addresses with 429`, async () => {
    const person = newPerson();
    await harness.signUp(person);
    for (let attempt = 1; attempt <= MAX; attempt++) {
      expect((await signIn(person.email, "wrong guess!")).status).toBe(401);
    }
    // The right password too: the account is locked for the window, whoever asks.
    const limited = await signIn(person.email.toUpperCase(), person.password);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: "TOO_MANY_FAILED_SIGN_INS" });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.headers.get("x-retry-after")).toBe(String(retryAfter));
  });

  it("treats an unknown address like a known one (no hint which emails exist)", async () => {
    const email = newPerson().email;
    for (let attempt = 1; attempt <= MAX; attempt++) {
      expect((await signIn(email, "wrong guess!")).status).toBe(401);
    }
    expect((await signIn(email, "wrong guess!")).status).toBe(429);
  });

  it("counts each account on its own, and a success starts the count again", async () => {
    const person = newPerson();
    await harness.signUp(person);
    for (let attempt = 1; attempt < MAX; attempt++) {
      expect((await signIn(person.email, "wrong guess!")).status).toBe(401);
    }
    expect((await signIn(person.email, person.password)).status).toBe(200);
    for (let attempt = 1; attempt <= MAX; attempt++) {
      expect((await signIn(person.email, "wrong guess!")).status).toBe(401);
    }
    expect((await signIn(person.email, person.password)).status).toBe(429);
  });

  it("is shared by every web process (counted in the database)", async () => {
    const email = newPerson().email;
    for (let attempt = 1; attempt <= MAX; attempt++) {
      expect((await signIn(email, "wrong guess!")).status).toBe(401);
    }
    const sibling = harness.createSibling();
    const response = await sibling.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost:3000",
          "x-forwarded-for": nextIp(),
        },
        body: JSON.stringify({ email, password: "wrong guess!" }),
      }),
    );
    expect(response.status).toBe(429);
  });

  it("lets no burst of concurrent attempts past the limit", async () => {
    const email = newPerson().email;
    const responses = await Promise.all(
      Array.from({ length: MAX * 3 }, () => signIn(email, "wrong guess!")),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(MAX);
    expect(statuses.filter((status) => status === 429)).toHaveLength(MAX * 2);
  });
});
