import { PROBLEM_TYPES } from "@ownlist/contract";
import type { ApiRateLimits, RateLimitStoreConfig } from "@ownlist/config";
import type { FastifyRequest, onResponseHookHandler, preParsingHookHandler } from "fastify";
import fp from "fastify-plugin";
import { ProblemError } from "../problems/problem-error.ts";
import { FixedWindowCounter, type Wait, type WindowCounter } from "./fixed-window.ts";
import { RedisRateLimitStore } from "./redis-counter.ts";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * For a request whose token was just rejected: the 429 to send instead of the 401 when its
     * client address has used up its window of rejections, else undefined.
     */
    limitRejectedToken: (
      request: FastifyRequest,
    ) => ProblemError | undefined | Promise<ProblemError | undefined>;
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
 * Where they count (docs/contract.md#limits, decision 041): in this process (`memory`, the
 * default: synchronous), or in one Redis shared by every replica (`redis`: the limit holds across
 * them; one round trip per authenticated request, bounded, falling back to this process's count
 * while Redis is unreachable).
 */
export default fp<RateLimitsOptions>(
  async function rateLimits(app, { windowSeconds, maxPerUser, maxRejectedPerAddress, store }) {
    const windowMs = windowSeconds * 1000;
    let shared: RedisRateLimitStore | undefined;
    if (store.kind === "redis" && (maxPerUser > 0 || maxRejectedPerAddress > 0)) {
      const redis = new RedisRateLimitStore(store.url, app.log);
      shared = redis;
      app.addHook("onClose", () => redis.close());
      await redis.connect();
    }
    const counter = (prefix: string, max: number): WindowCounter =>
      shared?.counter(prefix, max, windowMs) ?? new FixedWindowCounter(max, windowMs);

    let limitRejectedToken: FastifyInstanceLimit = () => undefined;
    if (maxRejectedPerAddress > 0) {
      const rejected = counter("ownlist:api:rejected:", maxRejectedPerAddress);
      const refuse = (wait: Wait) =>
        wait === undefined ? undefined : tooManyRequests(wait, "rejected_token_rate_limit");
      limitRejectedToken = (request) => {
        const wait = rejected.blocked(request.ip);
        return wait instanceof Promise ? wait.then(refuse) : refuse(wait);
      };
      // Counted once answered, so the answer never waits for the count; a shared count is sent
      // without waiting for its reply (its failure is handled, and logged, by the store).
      const countRejection: onResponseHookHandler = (request, reply, done) => {
        if (reply.statusCode === 401) void rejected.hit(request.ip);
        done();
      };
      app.addHook("onResponse", countRejection);
    }
    app.decorate("limitRejectedToken", limitRejectedToken);

    if (maxPerUser > 0) {
      const perUser = counter("ownlist:api:user:", maxPerUser);
      const limitUser: preParsingHookHandler = (request, _reply, payload, done) => {
        const sub = request.user?.sub;
        if (sub === undefined) return done(null, payload);
        const decide = (wait: Wait) => {
          if (wait === undefined) done(null, payload);
          else done(tooManyRequests(wait, "user_rate_limit"));
        };
        const wait = perUser.hit(sub);
        if (wait instanceof Promise) void wait.then(decide);
        else decide(wait);
      };
      app.addHook("preParsing", limitUser);
    }
  },
  { name: "rate-limits", dependencies: ["problems"] },
);

export interface RateLimitsOptions extends ApiRateLimits {
  store: RateLimitStoreConfig;
}

type FastifyInstanceLimit = (
  request: FastifyRequest,
) => ProblemError | undefined | Promise<ProblemError | undefined>;

function tooManyRequests(retryAfterSeconds: number, reason: string): ProblemError {
  return new ProblemError(
    429,
    PROBLEM_TYPES.tooManyRequests,
    "Too Many Requests",
    `Too many requests. Retry after ${retryAfterSeconds} seconds.`,
    { reason, headers: { "retry-after": String(retryAfterSeconds) } },
  );
}
