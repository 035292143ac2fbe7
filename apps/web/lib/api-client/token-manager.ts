/**
 * The browser's API token, held in memory only (docs/contract.md#tokens-in-the-browser): never
 * localStorage, sessionStorage or a readable cookie. One manager per page; every api call asks it
 * for a token.
 */

import { TemporaryFailureError } from "./retry.ts";

/** What one trip to `GET /api/token` gives the manager. */
export interface IssuedToken {
  token: string;
  /** How long the token lives, measured by the server (exp − iat), in milliseconds. */
  lifetimeMs: number;
}

/** Thrown by `fetchToken` (and so by every caller) when web says 401: the session is gone. */
export class SessionEndedError extends Error {
  constructor() {
    super("The session has ended; sign in again.");
    this.name = "SessionEndedError";
  }
}

/**
 * Thrown by `fetchToken` when web says 429: this person asked for too many tokens. The manager
 * asks no more until `retryAfterMs` has passed, and meanwhile keeps using an unexpired token.
 */
export class TokenRateLimitedError extends TemporaryFailureError {
  constructor(override readonly retryAfterMs: number) {
    super("Too many token requests; try again shortly.", retryAfterMs);
    this.name = "TokenRateLimitedError";
  }
}

export function isSessionEnded(error: unknown): error is SessionEndedError {
  return error instanceof SessionEndedError;
}

export interface TokenManagerOptions {
  fetchToken: () => Promise<IssuedToken>;
  /** The clock, in milliseconds. Default `Date.now`; tests pass a fake one. */
  now?: () => number;
}

export interface TokenManager {
  /** A token that is not about to expire: the cached one, or a fresh one (single flight). */
  getToken(): Promise<string>;
  /**
   * A token other than `rejected` (the one the api just refused with 401). When a concurrent
   * caller already replaced it, that newer token is returned without another request.
   */
  refreshToken(rejected?: string): Promise<string>;
  /** Forgets the token (sign-out). A request still in flight is discarded when it lands. */
  clear(): void;
  /**
   * Starts with a token the page was rendered with (docs/contract.md#first-page-on-the-server),
   * `lifetimeMs` being what it had left then; ignored when the manager already holds one.
   */
  seed(issued: IssuedToken): void;
}

/** Refresh this long before expiry: a minute, or a fifth of a short lifetime. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.floor(lifetimeMs / 5));
}

export function createTokenManager({
  fetchToken,
  now = Date.now,
}: TokenManagerOptions): TokenManager {
  let current: { token: string; refreshAt: number; expiresAt: number } | undefined;
  // After a 429: no request before this time (web would refuse it anyway).
  let limited: { until: number; error: TokenRateLimitedError } | undefined;
  let inFlight: Promise<string> | undefined;
  // Bumped by clear(): a fetch that started before a sign-out must not repopulate the cache.
  let generation = 0;

  /** Keeps a token, its lifetime counted from `requestedAt` (when it was asked for). */
  const keep = (token: string, lifetimeMs: number, requestedAt: number) => {
    current = {
      token,
      refreshAt: requestedAt + lifetimeMs - refreshMarginMs(lifetimeMs),
      expiresAt: requestedAt + lifetimeMs,
    };
  };

  const fetchFresh = (): Promise<string> => {
    if (inFlight) return inFlight;
    if (limited && now() < limited.until) {
      // Rate limited: an unexpired token (in its refresh margin) still works; past expiry, fail
      // at once rather than ask again before the server said to.
      if (current && now() < current.expiresAt) return Promise.resolve(current.token);
      return Promise.reject(limited.error);
    }
    const startedGeneration = generation;
    const requestedAt = now();
    const request = fetchToken()
      .then(({ token, lifetimeMs }) => {
        // The lifetime is counted from when we asked, so a slow answer refreshes early, not late,
        // and the browser's clock never has to agree with the server's.
        if (startedGeneration === generation) {
          keep(token, lifetimeMs, requestedAt);
          limited = undefined;
        }
        return token;
      })
      .catch((error: unknown) => {
        if (!(error instanceof TokenRateLimitedError)) throw error;
        if (startedGeneration === generation) {
          limited = { until: now() + error.retryAfterMs, error };
          if (current && now() < current.expiresAt) return current.token;
        }
        throw error;
      })
      .finally(() => {
        if (inFlight === request) inFlight = undefined;
      });
    inFlight = request;
    return request;
  };

  return {
    getToken() {
      if (current && now() < current.refreshAt) return Promise.resolve(current.token);
      return fetchFresh();
    },
    refreshToken(rejected) {
      if (inFlight) return inFlight;
      if (current && rejected !== undefined && current.token !== rejected) {
        return Promise.resolve(current.token);
      }
      // The api refused it (or the caller wants a new one): never hand it out again.
      current = undefined;
      return fetchFresh();
    },
    seed({ token, lifetimeMs }) {
      if (current || inFlight) return;
      keep(token, lifetimeMs, now());
    },
    clear() {
      generation += 1;
      current = undefined;
      inFlight = undefined;
      limited = undefined;
    },
  };
}
