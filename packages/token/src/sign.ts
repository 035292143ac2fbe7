import { randomUUID } from "node:crypto";
import type { ApiTokenClaims, TokenSubject } from "./claims.ts";
import { hs256Key, hs256Signature } from "./hs256.ts";
import { TOKEN_ALGORITHM, type TokenSettings } from "./settings.ts";

export interface SignedApiToken {
  token: string;
  expiresAt: Date;
  claims: ApiTokenClaims;
}

/** The one header this package writes: the algorithm is pinned, never chosen per token. */
const HEADER_SEGMENT = encodePart({ alg: TOKEN_ALGORITHM, typ: "JWT" });
const keys = new WeakMap<TokenSettings, Buffer>();

/**
 * Issues an API token for a person whose session web has already validated. Header
 * `{"alg":"HS256","typ":"JWT"}`, keyed with the UTF-8 bytes of the current secret; every claim is
 * set here explicitly.
 */
export function signApiToken(
  settings: TokenSettings,
  subject: TokenSubject,
  nowMs: number = Date.now(),
): SignedApiToken {
  const iat = Math.floor(nowMs / 1000);
  const claims: ApiTokenClaims = {
    sub: subject.id,
    uid: subject.id,
    email: subject.email,
    name: subject.name,
    iat,
    exp: iat + settings.ttlSeconds,
    iss: settings.issuer,
    aud: settings.audience,
    jti: randomUUID(),
  };
  const signingInput = `${HEADER_SEGMENT}.${encodePart(claims)}`;
  const signature = hs256Signature(keyFor(settings), signingInput).toString("base64url");
  return { token: `${signingInput}.${signature}`, expiresAt: new Date(claims.exp * 1000), claims };
}

function keyFor(settings: TokenSettings): Buffer {
  let key = keys.get(settings);
  if (!key) {
    key = hs256Key(settings.secret);
    keys.set(settings, key);
  }
  return key;
}

function encodePart(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}
