import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The floor for token verification: what a hand-written server must do at least, and no more —
 * split the compact JWS, HMAC-SHA256 the signing input with `node:crypto`, compare in constant
 * time, parse the payload and check `exp`. Deliberately not a full RFC 8725 verifier (no alg,
 * iss, aud or nbf checks): the real verifier is measured against this.
 */
export interface RawClaims {
  sub: string;
  exp: number;
}

export function createRawHmacVerifier(secret: string): (token: string) => RawClaims | null {
  const key = Buffer.from(secret, "utf8");
  return (token) => {
    const firstDot = token.indexOf(".");
    const secondDot = token.indexOf(".", firstDot + 1);
    if (firstDot < 0 || secondDot < 0) return null;
    const expected = createHmac("sha256", key).update(token.slice(0, secondDot)).digest();
    const given = Buffer.from(token.slice(secondDot + 1), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(
      Buffer.from(token.slice(firstDot + 1, secondDot), "base64url").toString("utf8"),
    ) as RawClaims;
    if (typeof claims.exp !== "number" || claims.exp * 1000 <= Date.now()) return null;
    return claims;
  };
}
