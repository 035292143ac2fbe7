import { parseRetryAfter, TemporaryFailureError } from "./retry.ts";
import { type IssuedToken, SessionEndedError, TokenRateLimitedError } from "./token-manager.ts";

/** Web's token route (same origin as the page; the session cookie goes along). */
const TOKEN_PATH = "/api/token";

/** Asks web for a fresh API token with the session cookie. 401 → the session has ended. */
export async function fetchApiToken(fetchImpl: typeof fetch = fetch): Promise<IssuedToken> {
  const response = await fetchImpl(TOKEN_PATH, {
    credentials: "same-origin",
    cache: "no-store",
    headers: { accept: "application/json" },
  });
  if (response.status === 401) throw new SessionEndedError();
  if (response.status === 429) {
    // Retry-After in seconds (web always sends it); a minute if it is missing or unreadable.
    const seconds = Number(response.headers.get("retry-after"));
    throw new TokenRateLimitedError(
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000,
    );
  }
  if (response.status === 503) {
    // Web cannot check sessions (its database is away): apiFetch waits and asks again.
    throw new TemporaryFailureError(
      `${TOKEN_PATH} answered 503`,
      parseRetryAfter(response.headers.get("retry-after"), Date.now()),
    );
  }
  if (!response.ok) throw new Error(`${TOKEN_PATH} answered ${response.status}`);
  const body = (await response.json()) as { token: string; expires_at: string };
  return { token: body.token, lifetimeMs: tokenLifetimeMs(body.token, body.expires_at) };
}

/**
 * exp − iat read from the token's payload (reading, not verifying: the api verifies). Using the
 * server's own pair keeps a browser clock that is minutes off from refreshing too late. Falls
 * back to `expires_at` against the local clock if the payload cannot be read.
 */
export function tokenLifetimeMs(token: string, expiresAt: string, nowMs = Date.now()): number {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const { iat, exp } = JSON.parse(json) as { iat?: unknown; exp?: unknown };
    if (typeof iat === "number" && typeof exp === "number" && exp > iat) return (exp - iat) * 1000;
  } catch {
    // fall through to expires_at
  }
  return Math.max(0, Date.parse(expiresAt) - nowMs);
}
