import { type ApiTokenClaims, createApiTokenVerifier, type TokenSettings } from "@ownlist/token";
import type { FastifyRequest, onRequestHookHandler } from "fastify";
import fp from "fastify-plugin";
import { isApiPath } from "./api-path.ts";
import { invalidToken, missingToken, type ProblemError } from "./problems/problem-error.ts";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * Verifies the request's bearer token and sets `request.user`; returns the 401 (or 429), if
     * any. A promise only for a rejected token whose address is counted in a shared store.
     */
    authenticateRequest(request: FastifyRequest): Refusal;
  }
  interface FastifyRequest {
    /** The verified token's claims; set for every request under /api that got past onRequest. */
    user: ApiTokenClaims | null;
  }
}

type Refusal = ProblemError | undefined | Promise<ProblemError | undefined>;

export const NO_SINGLE_TOKEN = "The Authorization header's Bearer credentials are not one token.";

export interface AuthenticationOptions {
  tokenSettings: TokenSettings;
}

/**
 * Deny by default (docs/contract.md#authentication-before-everything, decision 023). Two hooks, so that no spelling of a path
 * reaches an /api route unauthenticated:
 * - by construction: every route whose registered path is under /api gets a route-level
 *   onRequest hook (added as the route is registered, ahead of the route's own hooks) that
 *   refuses it unless the request is authenticated. The router decides which route runs, so
 *   this holds for any request target that reaches such a route (`/%61pi/…`, `http://x/api/…`).
 * - first: a root onRequest hook authenticates every request whose target names a path under
 *   /api after normalising (`isApiPath`) — known routes, unknown paths, wrong methods, the OPTIONS
 *   route CORS adds — so a stranger is answered 401 before routing results, the 403, body
 *   parsing, content-type checks or validation can tell it anything. Only a CORS preflight passes
 *   (answered earlier by the CORS plugin).
 * Verification is synchronous: HMAC on the hot path; the route-level hook then only checks that
 * `request.user` is set. A rejected token from an address over its limit is answered 429 instead
 * of 401 (rate-limits plugin); a valid one never is, and never waits for the limit's store.
 */
export default fp<AuthenticationOptions>(
  async function authentication(app, { tokenSettings }) {
    const verify = createApiTokenVerifier(tokenSettings);
    const limitRejection = app.limitRejectedToken;
    app.decorateRequest("user", null);

    /** Verifies the bearer token and sets `request.user`; returns the 401 (or 429) to send. */
    function authenticateRequest(request: FastifyRequest): Refusal {
      const refusal = verifyBearer(request);
      if (refusal === undefined) return undefined;
      const limited = limitRejection(request);
      return limited instanceof Promise
        ? limited.then((tooMany) => tooMany ?? refusal)
        : (limited ?? refusal);
    }

    function verifyBearer(request: FastifyRequest): ProblemError | undefined {
      const token = bearerToken(request);
      if (token === undefined) {
        return missingToken("Send an API token in the Authorization header: Bearer <token>.");
      }
      if (token === "") return invalidToken("malformed_header", NO_SINGLE_TOKEN);
      const result = verify(token);
      if (!result.ok) return invalidToken(result.reason, result.description);
      request.user = result.claims;
      return undefined;
    }
    app.decorate("authenticateRequest", authenticateRequest);

    const answer = (refusal: Refusal, done: (error?: ProblemError) => void) => {
      if (refusal instanceof Promise) void refusal.then(done);
      else done(refusal);
    };
    const authenticate: onRequestHookHandler = (request, _reply, done) => {
      if (!isApiPath(request.url)) return done();
      answer(authenticateRequest(request), done);
    };
    app.addHook("onRequest", authenticate);

    /** Route-level: the request was authenticated above, or is now. */
    const requireAuthentication: onRequestHookHandler = (request, _reply, done) => {
      if (request.user !== null) return done();
      answer(authenticateRequest(request), done);
    };
    app.addHook("onRoute", (route) => {
      if (!isApiPath(route.url)) return;
      const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
      route.onRequest = [requireAuthentication, ...own];
    });
  },
  { name: "authentication", dependencies: ["problems", "rate-limits"] },
);

/**
 * The token from `Authorization: Bearer <token>` (scheme case-insensitive). Undefined when no
 * bearer credentials were sent at all; "" when the header names Bearer but does not carry exactly
 * one token. Query strings and cookies are never looked at.
 */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const space = header.indexOf(" ");
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== "bearer") return undefined;
  const token = space === -1 ? "" : header.slice(space + 1).trim();
  return /\s/.test(token) ? "" : token;
}
