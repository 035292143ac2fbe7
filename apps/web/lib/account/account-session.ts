/**
 * One of the person's active sessions as the account page shows it. Never its token: the page
 * names a session by id and the server finds the token (docs/decisions/034).
 */
export interface AccountSession {
  id: string;
  /** "Chrome 131 on Linux". */
  device: string;
  /** The client address Better Auth recorded when it started (docs/decisions/006). */
  address: string | null;
  /** RFC 3339. */
  startedAt: string;
  /** RFC 3339: when Better Auth last refreshed it (at most once per `updateAge`). */
  lastUsedAt: string;
  current: boolean;
}
