import { user } from "@ownlist/db/schema";
import { parseApiConfig } from "@ownlist/config";
import { createApiTokenVerifier, signApiToken } from "@ownlist/token";
import { createEmailVerificationToken } from "better-auth/api";
import { signJWT } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../api/src/app.ts";
import { type AuthHarness, createAuthHarness, newPerson } from "../support/auth-harness.ts";

/**
 * Issue 11 item 1: a token minted for one purpose is accepted for no other. API tokens are HS256
 * over BETTER_AUTH_SECRET; Better Auth signs with a key derived from it (docs/decisions/022).
 */
let harness: AuthHarness;
let api: FastifyInstance;
beforeAll(async () => {
  harness = await createAuthHarness();
  api = await createApp({ config: parseApiConfig(harness.env), db: harness.db });
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
});

async function isVerified(id: string): Promise<boolean | undefined> {
  const [row] = await harness.db.db
    .select({ emailVerified: user.emailVerified })
    .from(user)
    .where(eq(user.id, id));
  return row?.emailVerified;
}

async function signUpWithApiToken() {
  const person = newPerson();
  const { id, cookie } = await harness.signUp(person);
  const { token } = signApiToken(harness.config.token, {
    id,
    email: person.email,
    name: person.name,
  });
  return { id, cookie, person, token };
}

describe("an API token presented to Better Auth", () => {
  it("does not verify an email at /verify-email; the person stays unverified", async () => {
    const { id, cookie, token } = await signUpWithApiToken();
    expect(await isVerified(id)).toBe(false);

    const response = await harness.get(`/verify-email?token=${encodeURIComponent(token)}`, {
      cookie,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "INVALID_TOKEN" });
    expect(await isVerified(id)).toBe(false);

    const session = await harness.get("/get-session", { cookie });
    expect(((await session.json()) as { user: { emailVerified: boolean } }).user).toMatchObject({
      emailVerified: false,
    });
  });

  it("is refused by the password-reset endpoints (their tokens are database rows)", async () => {
    const { person, token } = await signUpWithApiToken();
    const reset = await harness.post("/reset-password", { token, newPassword: "another long one" });
    expect(reset.status).toBe(400);
    expect(await reset.json()).toMatchObject({ code: "INVALID_TOKEN" });

    const callback = await harness.get(
      `/reset-password/${encodeURIComponent(token)}?callbackURL=${encodeURIComponent("/")}`,
    );
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toContain("error=INVALID_TOKEN");

    // The old password still signs in.
    const signIn = await harness.post("/sign-in/email", {
      email: person.email,
      password: person.password,
    });
    expect(signIn.status).toBe(200);
  });
});

describe("a token Better Auth signs, presented to the api", () => {
  const verify = () => createApiTokenVerifier(harness.config.token);

  it("is refused: an email-verification token made by Better Auth's own helper", async () => {
    const { secret } = await harness.auth.$context;
    const { id, person } = await signUpWithApiToken();
    const token = await createEmailVerificationToken(secret, person.email, undefined, 3600, {
      userId: id,
    });
    expect(verify()(token)).toMatchObject({ ok: false });
    const response = await api.inject({
      url: `/api/${id}/tasks`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it("is refused even with every claim an API token has: the key differs", async () => {
    const { secret } = await harness.auth.$context;
    const { id, person } = await signUpWithApiToken();
    const { claims } = signApiToken(harness.config.token, {
      id,
      email: person.email,
      name: person.name,
    });
    const { iat: _iat, exp: _exp, ...rest } = claims;
    const token = await signJWT(rest, secret, 600);
    expect(verify()(token)).toMatchObject({ ok: false, reason: "bad_signature" });
    const response = await api.inject({
      url: `/api/${id}/tasks`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(401);
  });
});
