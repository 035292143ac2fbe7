import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import fp from "fastify-plugin";
import { isApiPath } from "./api-path.ts";

const CALLER_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Fastify's `genReqId`: the caller's own `X-Request-Id` when it is 1..128 characters of
 * `[A-Za-z0-9._-]` (safe to log and echo), else a fresh UUID.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const given = raw.headers["x-request-id"];
  return typeof given === "string" && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Headers every response carries, set first thing so that early replies (a 401 from the
 * authentication hook, a CORS preflight) have them too; the error handler keeps them.
 */
export default fp(
  async function requestContext(app) {
    app.addHook("onRequest", (request, reply, done) => {
      reply.header("x-request-id", request.id);
      // Responses about someone's tasks must not be stored by any cache on the way.
      if (isApiPath(request.url)) reply.header("cache-control", "no-store");
      done();
    });
  },
  { name: "request-context" },
);
