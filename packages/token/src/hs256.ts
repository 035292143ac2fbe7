import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * HS256 (RFC 7518 §3.2) with `node:crypto` alone: HMAC-SHA256 of the JWS signing input, keyed with
 * the secret's UTF-8 bytes. Synchronous, unlike WebCrypto, because the api verifies a token on
 * every request. Signing and verifying share this one definition.
 */
export function hs256Key(secret: string): Buffer {
  return Buffer.from(secret, "utf8");
}

export function hs256Signature(key: Buffer, signingInput: string): Buffer {
  return createHmac("sha256", key).update(signingInput).digest();
}

/**
 * True when `signature` (the raw bytes of the third part) is the HMAC of `signingInput` under
 * `key`. The comparison takes the same time wherever the bytes differ, so a caller cannot learn
 * the right signature a byte at a time.
 */
export function hs256Verifies(key: Buffer, signingInput: string, signature: Buffer): boolean {
  const expected = hs256Signature(key, signingInput);
  return signature.length === expected.length && timingSafeEqual(signature, expected);
}
