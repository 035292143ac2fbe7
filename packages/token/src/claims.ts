/** The claims of an Ownlist API token (docs/contract.md#token-format). */
export interface ApiTokenClaims {
  /** The user's id. */
  sub: string;
  /** The same id, for clients written against the `uid` name. */
  uid: string;
  email: string;
  name: string;
  /** Seconds since the epoch. */
  iat: number;
  /** `iat + ttlSeconds`. */
  exp: number;
  iss: string;
  aud: string | string[];
  /** Random, unique per token. */
  jti: string;
  nbf?: number;
}

/** The person a token is issued for. */
export interface TokenSubject {
  id: string;
  email: string;
  name: string;
}
