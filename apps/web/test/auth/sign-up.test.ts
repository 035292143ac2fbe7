import { account, user } from "@ownlist/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, createAuthHarness, newPerson } from "../support/auth-harness.ts";

let harness: AuthHarness;
beforeAll(async () => {
  harness = await createAuthHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe("sign-up (POST /api/auth/sign-up/email)", () => {
  it("creates the person, signs them in with an HTTP-only SameSite=Lax cookie", async () => {
    const person = newPerson({ email: "Grace.Hopper@Example.test" });
    const response = await harness.post("/sign-up/email", person);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { id: string; email: string; name: string } };
    expect(body.user).toMatchObject({ email: "grace.hopper@example.test", name: person.name });

    const cookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith("better-auth.session_token="));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    // http:// origin → no Secure flag (it would be set, with a __Secure- prefix, under https).
    expect(cookie).not.toMatch(/; Secure/i);

    const [row] = await harness.db.db.select().from(user).where(eq(user.id, body.user.id));
    expect(row?.email).toBe("grace.hopper@example.test");
    const [credential] = await harness.db.db
      .select()
      .from(account)
      .where(eq(account.userId, body.user.id));
    expect(credential?.providerId).toBe("credential");
    expect(credential?.password).toBeTruthy();
    expect(credential?.password).not.toContain(person.password);
  });

  it("answers a duplicate email (in any letter case) with 422 and a clear message", async () => {
    const person = newPerson();
    await harness.signUp(person);
    for (const email of [person.email, person.email.toUpperCase()]) {
      const response = await harness.post("/sign-up/email", { ...person, email });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
        message: "User already exists. Use another email.",
      });
    }
  });

  it("never answers 5xx when the same email signs up several times at once", async () => {
    const person = newPerson();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => harness.post("/sign-up/email", person)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => status < 500)).toBe(true);
    const rows = await harness.db.db.select().from(user).where(eq(user.email, person.email));
    expect(rows).toHaveLength(1);
  });

  it.each([
    ["7 characters", "x".repeat(7), "PASSWORD_TOO_SHORT"],
    ["129 characters", "x".repeat(129), "PASSWORD_TOO_LONG"],
  ])("refuses a password of %s", async (_label, password, code) => {
    const response = await harness.post("/sign-up/email", newPerson({ password }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code });
  });

  it.each([8, 128])("accepts a password of exactly %i characters", async (length) => {
    const response = await harness.post(
      "/sign-up/email",
      // Varied characters: one repeated character is refused (weak-passwords.test.ts).
      newPerson({ password: "mauve otter 42 ".repeat(9).slice(0, length) }),
    );
    expect(response.status).toBe(200);
  });

  it.each([
    ["empty", "   "],
    ["longer than 100 characters", "n".repeat(101)],
  ])("refuses a name that is %s", async (_label, name) => {
    const response = await harness.post("/sign-up/email", newPerson({ name }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "INVALID_NAME" });
  });

  it("stores the name trimmed", async () => {
    const response = await harness.post("/sign-up/email", newPerson({ name: "  Ada  " }));
    const body = (await response.json()) as { user: { name: string } };
    expect(body.user.name).toBe("Ada");
  });

  it("refuses an invalid email", async () => {
    const response = await harness.post("/sign-up/email", newPerson({ email: "not-an-email" }));
    expect(response.status).toBe(400);
    // Better Auth's body schema answers before its own INVALID_EMAIL check does.
    expect(await response.json()).toMatchObject({
      code: "VALIDATION_ERROR",
      message: expect.stringContaining("[body.email]"),
    });
  });

  it("refuses a browser form posted from another site (CSRF)", async () => {
    const response = await harness.post("/sign-up/email", newPerson(), {
      origin: "https://evil.example",
      headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" });
  });
});
