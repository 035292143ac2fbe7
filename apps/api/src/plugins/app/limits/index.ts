import { PROBLEM_TYPES } from "@ownlist/contract";
import type { ApiLimits } from "@ownlist/config";
import type { onRequestHookHandler, onResponseHookHandler, preParsingHookHandler } from "fastify";
import fp from "fastify-plugin";
import { isApiPath } from "../api-path.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { FixedWindowCounter } from "./fixed-window.ts";

export interface LimitsOptions {
  limits: ApiLimits;
}

/**
 * Rate limits on /api (OWASP API4), both answered 429 problem+json with `Retry-After`:
 * - per client address, on rejected-token traffic: every 401 is counted once answered; an address
 *   that has used up its window is refused before its token is even verified (a token-guessing
 *   client gets nothing but 429s). Registered before authentication for that reason.
 * - per user (the token's `sub`), generous, checked once authentication has run (preParsing,
 *   so before the body is read).
 * A max of 0 turns a limit off (a test suite pointed at the api may do that; see
 * docs/operations.md).
 */
export default fp<LimitsOptions>(
  async function limits(app, { limits }) {
    const windowMs = limits.rateLimitWindowSeconds * 1000;

    if (limits.rejectedRateLimitMax > 0) {
      const rejected = new FixedWindowCounter(limits.rejectedRateLimitMax, windowMs);
      const refuseBlockedAddress: onRequestHookHandler = (request, _reply, done) => {
        if (!isApiPath(request.url)) return done();
        const wait = rejected.blocked(request.ip);
        done(wait === undefined ? undefined : tooManyRequests(wait, "rejected_token_rate_limit"));
      };
      const countRejection: onResponseHookHandler = (request, reply, done) => {
        if (reply.statusCode === 401) rejected.hit(request.ip);
        done();
      };
      app.addHook("onRequest", refuseBlockedAddress);
      app.addHook("onResponse", countRejection);
    }

    if (limits.rateLimitMax > 0) {
      const perUser = new FixedWindowCounter(limits.rateLimitMax, windowMs);
      const limitUser: preParsingHookHandler = (request, _reply, payload, done) => {
        const sub = request.user?.sub;
        const wait = sub === undefined ? undefined : perUser.hit(sub);
        if (wait === undefined) done(null, payload);
        else done(tooManyRequests(wait, "user_rate_limit"));
      };
      app.addHook("preParsing", limitUser);
    }
  },
  { name: "limits", dependencies: ["problems"] },
);

function tooManyRequests(retryAfterSeconds: number, reason: string): ProblemError {
  return new ProblemError(
    429,
    PROBLEM_TYPES.tooManyRequests,
    "Too Many Requests",
    `Too many requests. Retry after ${retryAfterSeconds} seconds.`,
    { reason, headers: { "retry-after": String(retryAfterSeconds) } },
  );
}
