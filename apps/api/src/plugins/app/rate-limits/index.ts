import { PROBLEM_TYPES } from "@ownlist/contract";
import type { ApiRateLimits } from "@ownlist/config";
import type { FastifyRequest, onResponseHookHandler, preParsingHookHandler } from "fastify";
import fp from "fastify-plugin";
import { ProblemError } from "../problems/problem-error.ts";
import { FixedWindowCounter } from "./fixed-window.ts";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * For a request whose token was just rejected: the 429 to send instead of the 401 when its
     * client address has used up its window of rejections, else undefined.
     */
    limitRejectedToken: (request: FastifyRequest) => ProblemError | undefined;
  }
}

/**
 * Rate limits on /api (OWASP API4), both answered 429 problem+json with `Retry-After`:
 * - per client address, on rejected tokens only: every 401 is counted once answered, and an
 *   address that has used up its window gets 429 instead of 401 for its next rejected token. The
 *   token is verified first (microseconds, synchronous): a valid token is never refused by this
 *   limit, so one client with a stale token cannot lock out everyone behind the same address.
 *   The address is `request.ip`: the socket's peer, or behind TRUSTED_PROXIES the first
 *   untrusted hop of X-Forwarded-For from the right (the Fastify `trustProxy` option, app.ts).
 * - per user (the token's `sub`), generous, checked once authentication has run (preParsing,
 *   so before the body is read).
 * A max of 0 turns a limit off (a test suite pointed at the api may do that; see
 * docs/operations.md).
 */
export default fp<ApiRateLimits>(
  async function rateLimits(app, { windowSeconds, maxPerUser, maxRejectedPerAddress }) {
    const windowMs = windowSeconds * 1000;

    let limitRejectedToken: (request: FastifyRequest) => ProblemError | undefined = () => undefined;
    if (maxRejectedPerAddress > 0) {
      const rejected = new FixedWindowCounter(maxRejectedPerAddress, windowMs);
      limitRejectedToken = (request) => {
        const wait = rejected.blocked(request.ip);
        return wait === undefined ? undefined : tooManyRequests(wait, "rejected_token_rate_limit");
      };
      const countRejection: onResponseHookHandler = (request, reply, done) => {
        if (reply.statusCode === 401) rejected.hit(request.ip);
        done();
      };
      app.addHook("onResponse", countRejection);
    }
    app.decorate("limitRejectedToken", limitRejectedToken);

    if (maxPerUser > 0) {
      const perUser = new FixedWindowCounter(maxPerUser, windowMs);
      const limitUser: preParsingHookHandler = (request, _reply, payload, done) => {
        const sub = request.user?.sub;
        const wait = sub === undefined ? undefined : perUser.hit(sub);
        if (wait === undefined) done(null, payload);
        else done(tooManyRequests(wait, "user_rate_limit"));
      };
      app.addHook("preParsing", limitUser);
    }
  },
  { name: "rate-limits", dependencies: ["problems"] },
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
