import { fetchApiToken } from "./fetch-api-token.ts";
import { createTokenManager, isSessionEnded, type TokenManager } from "./token-manager.ts";

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

/** Sign-out calls this: the in-memory token is forgotten at once. */
export function clearApiToken(): void {
  manager?.clear();
}

export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  if (!settings) throw new Error("apiFetch used outside ApiClientProvider (no api URL yet)");
  const url = `${settings.apiUrl}${path.startsWith("/") ? path : `/${path}`}`;
  const tokens = getTokenManager();
  try {
    const token = await tokens.getToken();
    const response = await send(url, init, token);
    if (response.status !== 401) return response;
    // Expired between our check and the api's, or signed by a rotated-out secret: once more.
    const fresh = await tokens.refreshToken(token);
    return await send(url, init, fresh);
  } catch (error) {
    if (isSessionEnded(error)) goToSignIn();
    throw error;
  }
}

function send(url: string, init: RequestInit, token: string): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  // The api is another origin and never reads cookies: send none.
  return fetch(url, { ...init, headers, credentials: "omit" });
}

let redirecting = false;

/** Sends the person to sign-in, to come back to where they are now. */
function goToSignIn(): void {
  if (redirecting || typeof window === "undefined") return;
  redirecting = true;
  clearApiToken();
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
}
