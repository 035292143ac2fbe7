import { hkdfSync } from "node:crypto";

/**
 * The HKDF "info" label of Better Auth's key. A new label (v2 …) would be a new, unrelated key:
 * every session cookie and email-verification link signed under the old one stops working.
 */
export const BETTER_AUTH_KEY_LABEL = "ownlist/better-auth/v1";

/** Bytes of key material derived (HMAC-SHA256's block of output; base64url makes 43 characters). */
const KEY_BYTES = 32;

/**
 * Better Auth's own secret, derived from BETTER_AUTH_SECRET with HKDF-SHA256 (RFC 5869) under a
 * label of its own (docs/decisions/022). API tokens stay HS256 over the raw BETTER_AUTH_SECRET, so
 * a plain HS256 verifier holding it keeps working; Better Auth signs its cookies and JWTs with this
 * derived key instead, so nothing it signs verifies as an API token and no API token verifies as
 * one of its tokens.
 */
export function deriveBetterAuthSecret(betterAuthSecret: string): string {
  // No salt: the input is already a high-entropy secret, and the label separates the purpose.
  const key = hkdfSync("sha256", betterAuthSecret, "", BETTER_AUTH_KEY_LABEL, KEY_BYTES);
  return Buffer.from(key).toString("base64url");
}
