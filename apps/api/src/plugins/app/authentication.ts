import { type ApiTokenClaims, createApiTokenVerifier, type TokenSettings } from "@ownlist/token";
import type { FastifyRequest, onRequestHookHandler } from "fastify";
import fp from "fastify-plugin";
import { isApiPath } from "./api-path.ts";
import { invalidToken, missingToken, type ProblemError } from "./problems/problem-error.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Verifies the request's bearer token and sets `request.user`; returns the 401, if any. */
    authenticateRequest(request: FastifyRequest): ProblemError | undefined;
  }
  interface FastifyRequest {
    /** The verified token's claims; set for every request under /api that got past onRequest. */
    user: ApiTokenClaims | null;
  }
}

export const NO_SINGLE_TOKEN = "The Authorization header's Bearer credentials are not one token.";

export interface AuthenticationOptions {
  tokenSettings: TokenSettings;
}

/**
 * Deny by default (docs/contract.md#authentication-before-everything): one root hook covers every
 * path under /api — known routes, unknown paths, wrong methods, and the OPTIONS route CORS adds —
 * so a stranger's request is answered 401 before routing results, body parsing, content-type
 * checks or validation can tell it anything. Only a CORS preflight passes (answered earlier by
 * the CORS plugin when it is one). Verification is synchronous: HMAC on the hot path.
 */
export default fp<AuthenticationOptions>(
  async function authentication(app, { tokenSettings }) {
    const verify = createApiTokenVerifier(tokenSettings);
    app.decorateRequest("user", null);

    /** Verifies the bearer token and sets `request.user`; returns the 401 to send, if any. */
    function authenticateRequest(request: FastifyRequest): ProblemError | undefined {
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

    const authenticate: onRequestHookHandler = (request, _reply, done) => {
      if (!isApiPath(request.url)) return done();
      done(authenticateRequest(request));
    };
    app.addHook("onRequest", authenticate);
  },
  { name: "authentication", dependencies: ["problems"] },
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
