import { randomUUID } from "node:crypto";
import { createSigner } from "fast-jwt";
import type { ApiTokenClaims, TokenSubject } from "./claims.ts";
import { TOKEN_ALGORITHM, type TokenSettings } from "./settings.ts";

export interface SignedApiToken {
  token: string;
  expiresAt: Date;
  claims: ApiTokenClaims;
}

type Signer = (payload: ApiTokenClaims) => string;
const signers = new WeakMap<TokenSettings, Signer>();

/**
 * Issues an API token for a person whose session web has already validated. Header
 * `{"alg":"HS256","typ":"JWT"}`, keyed with the UTF-8 bytes of the current secret; every claim is
 * set here explicitly (the library adds none of its own).
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
  return { token: signerFor(settings)(claims), expiresAt: new Date(claims.exp * 1000), claims };
}

function signerFor(settings: TokenSettings): Signer {
  let signer = signers.get(settings);
  if (!signer) {
    signer = createSigner({
      key: Buffer.from(settings.secret, "utf8"),
      algorithm: TOKEN_ALGORITHM,
    }) as Signer;
    signers.set(settings, signer);
  }
  return signer;
}
