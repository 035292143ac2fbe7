import { signApiToken, type TokenSettings } from "@ownlist/token";
import type { CountVerdict } from "../server/database-rate-limit.ts";
import { problemResponse } from "../server/problem.ts";

/** What the token route needs: Better Auth's session check and the token settings. */
export interface TokenRouteDependencies {
  getSession: (headers: Headers) => Promise<{ user: TokenSubject } | null>;
  tokenSettings: TokenSettings;
  /** Counts one token request by this user against their own limit (TOKEN_RATE_LIMIT_*). */
  countTokenRequest: (userId: string) => Promise<CountVerdict>;
}

/** The person a token is for, as the session names them. */
export interface TokenSubject {
  id: string;
  email: string;
  name: string;
}

export type IssuedApiToken =
  { ok: true; token: string; expiresAt: Date } | { ok: false; retryAfterSeconds: number };

/**
 * The one way web mints an API token for a signed-in person: counted against their own limit
 * (TOKEN_RATE_LIMIT_*), then signed. `GET /api/token` and the task page's server render
 * (docs/contract.md#first-page-on-the-server) both come here, so a script cannot mint past the
 * limit by loading pages instead of asking the route. Throws when the count cannot be taken
 * (the database is away).
 */
export async function issueApiToken(
  deps: Pick<TokenRouteDependencies, "tokenSettings" | "countTokenRequest">,
  { id, email, name }: TokenSubject,
): Promise<IssuedApiToken> {
  // Per user, after the session check: a script holding a session cannot mint tokens without
  // bound, and nobody without one can use up another person's allowance.
  const verdict = await deps.countTokenRequest(id);
  if (!verdict.allowed) return { ok: false, retryAfterSeconds: verdict.retryAfterSeconds };
  return { ok: true, ...signApiToken(deps.tokenSettings, { id, email, name }) };
}

/** The body of a successful `GET /api/token` (docs/contract.md#token-route). */
export interface TokenResponseBody {
  token: string;
  /** RFC 3339, UTC. */
  expires_at: string;
}

/**
 * `GET /api/token`: turns a valid Better Auth session (checked against the database) into a
 * short-lived HS256 API token. Without one: 401 problem+json. Never cached anywhere.
 */
export async function handleTokenRequest(
  deps: TokenRouteDependencies,
  request: Request,
): Promise<Response> {
  // Browsers label every request; only the app's own pages may ask (a cross-site page could not
  // read the answer anyway, but it should not even get one minted).
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return problemResponse({
      status: 403,
      title: "Forbidden",
      detail: "API tokens are only issued to Ownlist's own pages.",
    });
  }
  let session: Awaited<ReturnType<TokenRouteDependencies["getSession"]>>;
  try {
    session = await deps.getSession(request.headers);
  } catch (error) {
    // The database is away (or Better Auth failed): say so plainly, never with the details.
    console.error("token route: session lookup failed", error);
    return problemResponse(
      {
        status: 503,
        title: "Service Unavailable",
        detail: "Sessions cannot be checked right now. Try again shortly.",
      },
      { "retry-after": "5" },
    );
  }
  if (!session) {
    return problemResponse({
      status: 401,
      title: "Unauthorized",
      detail: "Sign in to get an API token: there is no valid session.",
    });
  }
  let issued: IssuedApiToken;
  try {
    issued = await issueApiToken(deps, session.user);
  } catch (error) {
    console.error("token route: rate-limit count failed", error);
    return problemResponse(
      {
        status: 503,
        title: "Service Unavailable",
        detail: "API tokens cannot be issued right now. Try again shortly.",
      },
      { "retry-after": "5" },
    );
  }
  if (!issued.ok) {
    return problemResponse(
      {
        status: 429,
        title: "Too Many Requests",
        detail: `Too many API token requests for this account. Try again in ${issued.retryAfterSeconds} s.`,
      },
      { "retry-after": String(issued.retryAfterSeconds) },
    );
  }
  const { token, expiresAt } = issued;
  const body: TokenResponseBody = { token, expires_at: expiresAt.toISOString() };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}
