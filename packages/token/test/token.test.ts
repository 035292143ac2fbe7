import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import {
  createApiTokenVerifier,
  signApiToken,
  type TokenFailure,
  type TokenSettings,
} from "../src/index.ts";
import { forgeToken } from "./forge.ts";

const settings: TokenSettings = {
  secret: "current-secret-current-secret-0123456789",
  previousSecrets: ["previous-secret-previous-secret-012345"],
  issuer: "ownlist-web",
  audience: "ownlist-api",
  ttlSeconds: 900,
  clockSkewSeconds: 30,
};
const person = { id: "user-1", email: "ada@example.com", name: "Ada" };
const now = Date.UTC(2026, 10, 22, 10, 0, 0);
const nowSeconds = now / 1000;
const verify = createApiTokenVerifier(settings);
const HS256 = { alg: "HS256", typ: "JWT" };

function validClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: "user-1",
    uid: "user-1",
    email: "ada@example.com",
    name: "Ada",
    iat: nowSeconds,
    exp: nowSeconds + 900,
    iss: "ownlist-web",
    aud: "ownlist-api",
    jti: "j1",
    ...overrides,
  };
}

function expectFailure(token: string, reason: TokenFailure, at = now) {
  const result = verify(token, at);
  expect(result).toMatchObject({ ok: false, reason });
  if (!result.ok) expect(result.description).not.toContain(token.slice(0, 20));
}

describe("signApiToken", () => {
  it("issues an HS256 JWT with every claim of the contract", () => {
    const { token, expiresAt, claims } = signApiToken(settings, person, now);
    const [header, payload] = token
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString());
    expect(JSON.parse(header as string)).toEqual({ alg: "HS256", typ: "JWT" });
    const decoded = JSON.parse(payload as string);
    expect(decoded).toEqual(claims);
    expect(decoded).toMatchObject({
      sub: "user-1",
      uid: "user-1",
      email: "ada@example.com",
      name: "Ada",
      iat: nowSeconds,
      exp: nowSeconds + 900,
      iss: "ownlist-web",
      aud: "ownlist-api",
    });
    expect(decoded.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(expiresAt.toISOString()).toBe(new Date((nowSeconds + 900) * 1000).toISOString());
  });

  it("gives every token its own jti", () => {
    const first = signApiToken(settings, person, now).claims.jti;
    expect(signApiToken(settings, person, now).claims.jti).not.toBe(first);
  });

  it("produces tokens that another JOSE implementation (jose) accepts as HS256", async () => {
    const { token, claims } = signApiToken(settings, person, now);
    const verified = await jwtVerify(token, Buffer.from(settings.secret, "utf8"), {
      algorithms: ["HS256"],
      issuer: settings.issuer,
      audience: settings.audience,
      currentDate: new Date(now),
    });
    expect(verified.protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
    expect(verified.payload).toEqual(claims);
  });

  it("produces tokens that its verifier accepts", () => {
    const { token } = signApiToken(settings, person, now);
    expect(verify(token, now)).toMatchObject({ ok: true, claims: { sub: "user-1" } });
  });
});

describe("createApiTokenVerifier", () => {
  it("accepts a token signed with a previous secret during a rotation", () => {
    const token = forgeToken(HS256, validClaims(), settings.previousSecrets[0] as string);
    expect(verify(token, now).ok).toBe(true);
  });

  it("accepts an aud array that contains the audience, and a token without typ or uid", () => {
    const token = forgeToken(
      { alg: "HS256" },
      validClaims({ aud: ["other", "ownlist-api"], uid: undefined }),
      settings.secret,
    );
    expect(verify(token, now).ok).toBe(true);
  });

  it.each([
    ["alg none", { alg: "none", typ: "JWT" }, "bad_algorithm"],
    ["alg HS384", { alg: "HS384", typ: "JWT" }, "bad_algorithm"],
    ["alg HS512", { alg: "HS512", typ: "JWT" }, "bad_algorithm"],
    ["alg RS256", { alg: "RS256", typ: "JWT" }, "bad_algorithm"],
    ["alg ES256", { alg: "ES256", typ: "JWT" }, "bad_algorithm"],
    ["alg hs256 (case)", { alg: "hs256", typ: "JWT" }, "bad_algorithm"],
    ["a crit header", { alg: "HS256", typ: "JWT", crit: ["exp"] }, "crit_header"],
    ["typ other than JWT", { alg: "HS256", typ: "at+jwt" }, "bad_type"],
  ] as const)("refuses %s", (_name, header, reason) => {
    expectFailure(forgeToken(header, validClaims(), settings.secret), reason);
  });

  it("refuses an unsigned token (alg none, empty signature)", () => {
    const [header, payload] = forgeToken({ alg: "none" }, validClaims(), settings.secret).split(
      ".",
    );
    expectFailure(`${header}.${payload}.`, "malformed");
  });

  it("refuses a bad signature and a tampered payload", () => {
    expectFailure(
      forgeToken(HS256, validClaims(), "another-secret-another-secret-0123456"),
      "bad_signature",
    );
    const [header, , signature] = signApiToken(settings, person, now).token.split(".");
    const tampered = Buffer.from(
      JSON.stringify(validClaims({ sub: "user-2", uid: "user-2" })),
    ).toString("base64url");
    expectFailure(`${header}.${tampered}.${signature}`, "bad_signature");
  });

  it.each([
    ["two parts", "abc.def"],
    ["four parts", "a.b.c.d"],
    ["padding", "eyJhbGciOiJIUzI1NiJ9=.e30.abc"],
    ["a + character", "eyJhbGciOiJIUzI1NiJ9.e3+0.abc"],
    ["a / character", "eyJhbGciOiJIUzI1NiJ9.e3/0.abc"],
    ["whitespace", "eyJhbGciOiJIUzI1NiJ9. e30.abc"],
    ["a header that is not JSON", "bm90IGpzb24.e30.abc"],
    ["an impossible base64 length", "eyJhbGciOiJIUzI1NiJ9.e30a1.abc"],
  ])("refuses a token with %s as malformed", (_name, token) => {
    expectFailure(token, "malformed");
  });

  it("refuses a payload that is not a JSON object", () => {
    expectFailure(forgeToken(HS256, "[1,2]", settings.secret), "malformed");
    expectFailure(forgeToken(HS256, "not json", settings.secret), "malformed");
  });

  it("refuses tokens over 4096 bytes before parsing them", () => {
    const token = forgeToken(HS256, validClaims({ pad: "x".repeat(4000) }), settings.secret);
    expect(token.length).toBeGreaterThan(4096);
    expectFailure(token, "too_long");
  });

  it("applies exp with the clock skew", () => {
    const token = forgeToken(HS256, validClaims({ exp: nowSeconds - 10 }), settings.secret);
    expect(verify(token, now).ok).toBe(true); // 10 s late, inside the 30 s skew
    expectFailure(token, "expired", now + 20_000);
    expectFailure(
      forgeToken(HS256, validClaims({ exp: undefined }), settings.secret),
      "missing_exp",
    );
  });

  it("refuses nbf and iat in the future beyond the skew", () => {
    expectFailure(
      forgeToken(HS256, validClaims({ nbf: nowSeconds + 60 }), settings.secret),
      "not_yet_valid",
    );
    expect(
      verify(forgeToken(HS256, validClaims({ nbf: nowSeconds + 20 }), settings.secret), now).ok,
    ).toBe(true);
    expectFailure(
      forgeToken(HS256, validClaims({ iat: nowSeconds + 60 }), settings.secret),
      "issued_in_future",
    );
  });

  it.each([
    ["exp", "9999999999"],
    ["nbf", String(nowSeconds)],
    ["iat", String(nowSeconds)],
  ])("refuses a %s that is not a JSON number", (claim, value) => {
    expectFailure(
      forgeToken(HS256, validClaims({ [claim]: value }), settings.secret),
      "bad_claim_type",
    );
  });

  it.each([
    [{ iss: "someone-else" }, "bad_issuer"],
    [{ iss: undefined }, "bad_issuer"],
    [{ aud: "other-api" }, "bad_audience"],
    [{ aud: ["a", "b"] }, "bad_audience"],
    [{ aud: undefined }, "bad_audience"],
    [{ sub: "" }, "bad_subject"],
    [{ sub: 42 }, "bad_subject"],
    [{ sub: undefined, uid: undefined }, "bad_subject"],
    [{ uid: "user-2" }, "uid_mismatch"],
  ] as const)("refuses claims %j (%s)", (overrides, reason) => {
    expectFailure(forgeToken(HS256, validClaims(overrides), settings.secret), reason);
  });

  it("does not accept a previous secret for signing once it is removed from the list", () => {
    const strict = createApiTokenVerifier({ ...settings, previousSecrets: [] });
    const token = forgeToken(HS256, validClaims(), settings.previousSecrets[0] as string);
    expect(strict(token, now)).toMatchObject({ ok: false, reason: "bad_signature" });
  });
});
