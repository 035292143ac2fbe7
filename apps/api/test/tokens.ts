import { createHmac } from "node:crypto";
import { signApiToken, type TokenFailure, type TokenSettings } from "@ownlist/token";
import type { TestUser } from "./helper.ts";

/** Builds any compact JWS, including ones no honest library would produce (an attacker's view). */
export function forgeToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string,
  algorithm: "sha256" | "sha384" | "sha512" = "sha256",
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac(algorithm, Buffer.from(secret, "utf8"))
    .update(input)
    .digest("base64url");
  return `${input}.${signature}`;
}

export interface BadCredential {
  name: string;
  /** The Authorization header to send (undefined: none). */
  authorization?: string;
  /** Sent elsewhere instead of the header. */
  query?: string;
  cookie?: string;
  /** The verifier's reason, or "missing_token" when no bearer token counts as sent. */
  reason: TokenFailure | "missing_token" | "malformed_header";
}

/**
 * Every way a request can fail authentication (docs/contract.md#token-rules), for one user.
 * Each is a token that would be valid but for one rule.
 */
export function badCredentials(settings: TokenSettings, user: TestUser): BadCredential[] {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: user.id,
    uid: user.id,
    email: user.email,
    name: user.name,
    iat: now,
    exp: now + 600,
    iss: settings.issuer,
    aud: settings.audience,
    jti: "jti-1",
  };
  const hs256 = { alg: "HS256", typ: "JWT" };
  const forge = (payload: Record<string, unknown>, header: Record<string, unknown> = hs256) =>
    forgeToken(header, payload, settings.secret);
  const valid = signApiToken(settings, user).token;
  const bearer = (token: string) => `Bearer ${token}`;
  const skew = settings.clockSkewSeconds;

  return [
    { name: "no Authorization header", reason: "missing_token" },
    { name: "a Basic scheme", authorization: "Basic dXNlcjpwYXNz", reason: "missing_token" },
    { name: "Bearer with no token", authorization: "Bearer", reason: "malformed_header" },
    {
      name: "Bearer with two tokens",
      authorization: `Bearer ${valid} ${valid}`,
      reason: "malformed_header",
    },
    { name: "not a JWT", authorization: bearer("not-a-jwt"), reason: "malformed" },
    {
      name: "alg none, empty signature",
      authorization: bearer(
        `${forge(claims, { alg: "none", typ: "JWT" }).split(".").slice(0, 2).join(".")}.`,
      ),
      reason: "malformed",
    },
    {
      name: "alg none, with a signature",
      authorization: bearer(forge(claims, { alg: "none", typ: "JWT" })),
      reason: "bad_algorithm",
    },
    {
      name: "HS384",
      authorization: bearer(
        forgeToken({ alg: "HS384", typ: "JWT" }, claims, settings.secret, "sha384"),
      ),
      reason: "bad_algorithm",
    },
    {
      name: "HS512",
      authorization: bearer(
        forgeToken({ alg: "HS512", typ: "JWT" }, claims, settings.secret, "sha512"),
      ),
      reason: "bad_algorithm",
    },
    {
      name: "RS256 header, HMAC-signed with the secret (key confusion)",
      authorization: bearer(forge(claims, { alg: "RS256", typ: "JWT" })),
      reason: "bad_algorithm",
    },
    {
      name: "a crit header",
      authorization: bearer(forge(claims, { ...hs256, crit: ["exp"] })),
      reason: "crit_header",
    },
    {
      name: "typ other than JWT",
      authorization: bearer(forge(claims, { alg: "HS256", typ: "at+jwt" })),
      reason: "bad_type",
    },
    {
      name: "signed with another secret",
      authorization: bearer(forgeToken(hs256, claims, "another-secret-another-secret-1234567")),
      reason: "bad_signature",
    },
    {
      name: "expired",
      authorization: bearer(forge({ ...claims, iat: now - 2000, exp: now - skew - 5 })),
      reason: "expired",
    },
    {
      name: "no exp",
      authorization: bearer(forge({ ...claims, exp: undefined })),
      reason: "missing_exp",
    },
    {
      name: "exp as a string",
      authorization: bearer(forge({ ...claims, exp: String(now + 600) })),
      reason: "bad_claim_type",
    },
    {
      name: "nbf in the future",
      authorization: bearer(forge({ ...claims, nbf: now + skew + 60 })),
      reason: "not_yet_valid",
    },
    {
      name: "iat in the future",
      authorization: bearer(forge({ ...claims, iat: now + skew + 60 })),
      reason: "issued_in_future",
    },
    {
      name: "wrong iss",
      authorization: bearer(forge({ ...claims, iss: "someone-else" })),
      reason: "bad_issuer",
    },
    {
      name: "wrong aud",
      authorization: bearer(forge({ ...claims, aud: "another-api" })),
      reason: "bad_audience",
    },
    {
      name: "aud array without ours",
      authorization: bearer(forge({ ...claims, aud: ["a", "b"] })),
      reason: "bad_audience",
    },
    {
      name: "uid different from sub",
      authorization: bearer(forge({ ...claims, uid: "someone-else" })),
      reason: "uid_mismatch",
    },
    {
      name: "empty sub",
      authorization: bearer(forge({ ...claims, sub: "", uid: undefined })),
      reason: "bad_subject",
    },
    { name: "padded base64url", authorization: bearer(padded(valid)), reason: "malformed" },
    {
      name: "'+' and '/' instead of '-' and '_'",
      authorization: bearer(standardBase64(settings, user)),
      reason: "malformed",
    },
    {
      name: "longer than 4096 bytes",
      authorization: bearer(forge({ ...claims, name: "x".repeat(4096) })),
      reason: "too_long",
    },
    {
      name: "token in the query string only",
      query: `access_token=${valid}`,
      reason: "missing_token",
    },
    {
      name: "token in a cookie only",
      cookie: `token=${valid}; access_token=${valid}`,
      reason: "missing_token",
    },
  ];
}

function padded(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  return `${header}${"=".repeat((4 - (header.length % 4)) % 4 || 1)}.${payload}.${signature}`;
}

/** A valid token re-spelled in standard base64 (one with a "-" or "_" to re-spell is found). */
function standardBase64(settings: TokenSettings, user: TestUser): string {
  for (;;) {
    const { token } = signApiToken(settings, user);
    if (/[-_]/.test(token)) return token.replace(/-/g, "+").replace(/_/g, "/");
  }
}
