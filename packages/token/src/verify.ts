import type { ApiTokenClaims } from "./claims.ts";
import { hs256Key, hs256Verifies } from "./hs256.ts";
import { MAX_TOKEN_BYTES, TOKEN_ALGORITHM, type TokenSettings } from "./settings.ts";

/** Why a token was refused: stable codes, one per rule of docs/contract.md#token-rules. */
export type TokenFailure =
  | "too_long"
  | "malformed"
  | "bad_algorithm"
  | "bad_type"
  | "crit_header"
  | "bad_signature"
  | "missing_exp"
  | "bad_claim_type"
  | "expired"
  | "not_yet_valid"
  | "issued_in_future"
  | "bad_issuer"
  | "bad_audience"
  | "bad_subject"
  | "uid_mismatch";

export type VerifyResult =
  { ok: true; claims: ApiTokenClaims } | { ok: false; reason: TokenFailure; description: string };

/** Words safe to show a client: they describe the rule, never the token. */
export const TOKEN_FAILURE_DESCRIPTIONS: Record<TokenFailure, string> = {
  too_long: `The token is longer than ${MAX_TOKEN_BYTES} bytes.`,
  malformed: "The token is not a well-formed JWT (three base64url parts, JSON header and claims).",
  bad_algorithm: "The token's algorithm must be HS256.",
  bad_type: 'The token\'s "typ" header, when present, must be "JWT".',
  crit_header: 'Tokens with a "crit" header are not accepted.',
  bad_signature: "The token's signature does not verify.",
  missing_exp: 'The token has no "exp" claim.',
  bad_claim_type: 'The token\'s "exp", "nbf" and "iat" claims must be numbers.',
  expired: "The token has expired.",
  not_yet_valid: 'The token is not valid yet ("nbf" is in the future).',
  issued_in_future: 'The token was issued in the future ("iat").',
  bad_issuer: "The token was not issued by the expected issuer.",
  bad_audience: "The token is not meant for this audience.",
  bad_subject: 'The token\'s "sub" claim must be a non-empty string.',
  uid_mismatch: 'The token\'s "uid" claim must equal its "sub" claim.',
};

// Strict base64url: no padding, no "+" or "/", exactly three parts.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
// An HS256 signature is 32 bytes: exactly 43 base64url characters, the last of which carries only
// 4 bits. Node's base64 decoder ignores the 2 spare bits, so without this check four spellings of
// one signature would all verify (a malleable token string).
const CANONICAL_HS256_SIGNATURE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * Builds the api's verifier (RFC 8725, docs/contract.md#token-rules). It never throws for a bad
 * token: it returns which rule failed. Synchronous on purpose — it runs on every request, and
 * `node:crypto`'s HMAC avoids async WebCrypto. Each part is decoded once.
 */
export function createApiTokenVerifier(settings: TokenSettings) {
  const keys = [settings.secret, ...settings.previousSecrets].map(hs256Key);
  const skewMs = settings.clockSkewSeconds * 1000;

  // Every token of one issuer carries the same header segment: judge each distinct segment once.
  const headerVerdicts = new Map<string, TokenFailure | null>();

  return function verifyApiToken(token: string, nowMs: number = Date.now()): VerifyResult {
    if (token.length > MAX_TOKEN_BYTES) return fail("too_long");
    if (!COMPACT_JWS.test(token)) return fail("malformed");
    const firstDot = token.indexOf(".");
    const lastDot = token.lastIndexOf(".");
    // A base64 group cannot end with a single character.
    if (
      firstDot % 4 === 1 ||
      (lastDot - firstDot - 1) % 4 === 1 ||
      (token.length - lastDot - 1) % 4 === 1
    ) {
      return fail("malformed");
    }

    const headerSegment = token.slice(0, firstDot);
    let verdict = headerVerdicts.get(headerSegment);
    if (verdict === undefined) {
      verdict = judgeHeader(headerSegment);
      // Bounded: a caller sending ever-new headers cannot grow it.
      if (headerVerdicts.size >= MAX_REMEMBERED_HEADERS) headerVerdicts.clear();
      headerVerdicts.set(headerSegment, verdict);
    }
    if (verdict !== null) return fail(verdict);
    if (!CANONICAL_HS256_SIGNATURE.test(token.slice(lastDot + 1))) return fail("malformed");

    // Decoded before the signature is checked: a token that is not JSON is "malformed" whatever
    // its signature (the reasons clients see must not change with the order of the checks).
    const payload = decodeJsonPart(token.slice(firstDot + 1, lastDot));
    if (!payload) return fail("malformed");
    if (!signedWithAny(keys, token.slice(0, lastDot), token.slice(lastDot + 1))) {
      return fail("bad_signature");
    }
    return checkClaims(payload, settings, nowMs, skewMs);
  };
}

const MAX_REMEMBERED_HEADERS = 16;

/** The header rules of docs/contract.md#token-rules, in order; null when the header is fine. */
function judgeHeader(segment: string): TokenFailure | null {
  const header = decodeJsonPart(segment);
  if (!header) return "malformed";
  if (header.alg !== TOKEN_ALGORITHM) return "bad_algorithm";
  if ("crit" in header) return "crit_header";
  if (header.typ !== undefined && header.typ !== "JWT") return "bad_type";
  return null;
}

function signedWithAny(keys: Buffer[], input: string, signature: string): boolean {
  // CANONICAL_HS256_SIGNATURE has made sure these are exactly the 32 bytes of an HS256 MAC.
  const given = Buffer.from(signature, "base64url");
  return keys.some((key) => hs256Verifies(key, input, given));
}

function checkClaims(
  payload: Record<string, unknown>,
  settings: TokenSettings,
  nowMs: number,
  skewMs: number,
): VerifyResult {
  const { exp, nbf, iat, iss, aud, sub, uid } = payload;
  if (exp === undefined) return fail("missing_exp");
  if (
    !isNumber(exp) ||
    (nbf !== undefined && !isNumber(nbf)) ||
    (iat !== undefined && !isNumber(iat))
  ) {
    return fail("bad_claim_type");
  }
  if (nowMs >= exp * 1000 + skewMs) return fail("expired");
  if (nbf !== undefined && nbf * 1000 > nowMs + skewMs) return fail("not_yet_valid");
  if (iat !== undefined && iat * 1000 > nowMs + skewMs) return fail("issued_in_future");
  if (iss !== settings.issuer) return fail("bad_issuer");
  if (!matchesAudience(aud, settings.audience)) return fail("bad_audience");
  if (typeof sub !== "string" || sub === "") return fail("bad_subject");
  if (uid !== undefined && uid !== sub) return fail("uid_mismatch");
  return { ok: true, claims: payload as unknown as ApiTokenClaims };
}

function matchesAudience(aud: unknown, expected: string): boolean {
  if (typeof aud === "string") return aud === expected;
  return Array.isArray(aud) && aud.includes(expected);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function fail(reason: TokenFailure): VerifyResult {
  return { ok: false, reason, description: TOKEN_FAILURE_DESCRIPTIONS[reason] };
}
