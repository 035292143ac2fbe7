import { setRetrying } from "./connection-status.ts";
import { fetchApiToken } from "./fetch-api-token.ts";
import { type RetryPolicy, withRetries } from "./retry.ts";
import {
  createTokenManager,
  isSessionEnded,
  type IssuedToken,
  type TokenManager,
} from "./token-manager.ts";

export {
  createTokenManager,
  isSessionEnded,
  SessionEndedError,
  type TokenManager,
} from "./token-manager.ts";

/**
 * Every browser call to the api goes through `apiFetch`: it prefixes the api's base URL, adds
 * `Authorization: Bearer <token>`, retries once with a fresh token on 401, and sends the person
 * to sign-in when web says the session is gone (then rejects with SessionEndedError, which
 * callers may ignore: the page is already navigating away).
 *
 * A network error, 503 or 429 is retried with backoff (retry.ts) for a bounded time. Every call
 * that changes something carries one fresh `Idempotency-Key`, the same on each retry, so one
 * call is one change whatever the network does (docs/contract.md#retries-from-the-browser).
 *
 * The base URL arrives at run time from the server (ApiClientProvider), never from the build.
 */
export interface ApiClientSettings {
  apiUrl: string;
}

let settings: ApiClientSettings | undefined;
let manager: TokenManager | undefined;

/** Called by ApiClientProvider while it renders, so it is set before any child's effect runs. */
export function configureApiClient(next: ApiClientSettings): void {
  settings = { apiUrl: next.apiUrl.replace(/\/+$/, "") };
}

/** The page's token manager (created on first use). */
function getTokenManager(): TokenManager {
  manager ??= createTokenManager({ fetchToken: () => fetchApiToken() });
  return manager;
}

/**
 * The task page calls this with the token its server render minted
 * (docs/contract.md#first-page-on-the-server), so its first api call needs no trip to
 * `/api/token`. Browser only: on the server this module is shared by every request.
 */
export function seedApiToken(issued: IssuedToken): void {
  if (typeof window === "undefined") return;
  getTokenManager().seed(issued);
}

/** Sign-out calls this: the in-memory token is forgotten at once. */
export function clearApiToken(): void {
  manager?.clear();
}

/** Methods that only read: retried without a key (the api ignores one there anyway). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function apiFetch(
  path: string,
  init: RequestInit = {},
  retryPolicy?: RetryPolicy,
): Promise<Response> {
  if (!settings) throw new Error("apiFetch used outside ApiClientProvider (no api URL yet)");
  const url = `${settings.apiUrl}${path.startsWith("/") ? path : `/${path}`}`;
  const tokens = getTokenManager();
  const headers = new Headers(init.headers);
  const method = (init.method ?? "GET").toUpperCase();
  // One key per logical action: made here, once, and reused by every retry below.
  if (!SAFE_METHODS.has(method) && !headers.has("idempotency-key")) {
    headers.set("idempotency-key", newIdempotencyKey());
  }
  const request: RequestInit = { ...init, headers };
  try {
    return await withRetries((signal) => sendAuthorized(url, { ...request, signal }, tokens), {
      policy: retryPolicy,
      signal: init.signal,
      onRetrying: setRetrying,
    });
  } catch (error) {
    if (isSessionEnded(error)) goToSignIn();
    throw error;
  }
}

/**
 * A random UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost); a page
 * served over plain http elsewhere builds the same version-4 shape from getRandomValues, which
 * every context has.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function sendAuthorized(
  url: string,
  init: RequestInit,
  tokens: TokenManager,
): Promise<Response> {
  const token = await tokens.getToken();
  const response = await send(url, init, token);
  if (response.status !== 401) return response;
  // Expired between our check and the api's, or signed by a rotated-out secret: once more.
  const fresh = await tokens.refreshToken(token);
  return await send(url, init, fresh);
}

function send(url: string, init: RequestInit, token: string): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  // The api is another origin and never reads cookies: send none.
  return fetch(url, { ...init, headers, credentials: "omit" });
}

let redirecting = false;

/**
 * Sends the person to sign-in, to come back to where they are now; `expired` lets the page say
 * why, and that what they typed is kept (drafts live in this browser's storage, decision 035).
 */
function goToSignIn(): void {
  if (redirecting || typeof window === "undefined") return;
  redirecting = true;
  clearApiToken();
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here)}&expired=1`);
}
