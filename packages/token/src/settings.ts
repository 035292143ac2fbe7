/**
 * What both ends must agree on, defined once (docs/contract.md#token-format, #token-rules). Plain
 * values: the caller reads them from its configuration (`@ownlist/config`'s `token`, which has
 * this shape), so this package reads no environment.
 */
export interface TokenSettings {
  /** Current HMAC key: the UTF-8 bytes of BETTER_AUTH_SECRET. */
  secret: string;
  /** Old keys still accepted while a rotation is under way (verification only). */
  previousSecrets: readonly string[];
  issuer: string;
  audience: string;
  ttlSeconds: number;
  clockSkewSeconds: number;
}

/** The one algorithm. Pinned: never read from the token. */
export const TOKEN_ALGORITHM = "HS256";
/** Tokens longer than this are refused before any parsing. */
export const MAX_TOKEN_BYTES = 4096;
