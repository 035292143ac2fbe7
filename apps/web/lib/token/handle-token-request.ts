import { signApiToken, type TokenSettings } from "@ownlist/token";
import { problemResponse } from "../server/problem.ts";

/** What the token route needs: Better Auth's session check and the token settings. */
export interface TokenRouteDependencies {
  getSession: (
    headers: Headers,
  ) => Promise<{ user: { id: string; email: string; name: string } } | null>;
  tokenSettings: TokenSettings;
}

/** The body of a successful `GET /api/token` (contract §2). */
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
  const session = await deps.getSession(request.headers);
  if (!session) {
    return problemResponse({
      status: 401,
      title: "Unauthorized",
      detail: "Sign in to get an API token: there is no valid session.",
    });
  }
  const { id, email, name } = session.user;
  const { token, expiresAt } = signApiToken(deps.tokenSettings, { id, email, name });
  const body: TokenResponseBody = { token, expires_at: expiresAt.toISOString() };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}
