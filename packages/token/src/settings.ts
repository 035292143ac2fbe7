import type { Config } from "@ownlist/config";

/** What both ends must agree on, defined once (docs/contract.md#token-format, #token-rules). */
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

export function tokenSettingsFromConfig(config: Config): TokenSettings {
  return {
    secret: config.betterAuthSecret,
    previousSecrets: config.jwt.previousSecrets,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    ttlSeconds: config.jwt.ttlSeconds,
    clockSkewSeconds: config.jwt.clockSkewSeconds,
  };
}
