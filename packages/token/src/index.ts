export type { ApiTokenClaims, TokenSubject } from "./claims.ts";
export { MAX_TOKEN_BYTES, TOKEN_ALGORITHM, type TokenSettings } from "./settings.ts";
export { type SignedApiToken, signApiToken } from "./sign.ts";
export {
  createApiTokenVerifier,
  TOKEN_FAILURE_DESCRIPTIONS,
  type TokenFailure,
  type VerifyResult,
} from "./verify.ts";
