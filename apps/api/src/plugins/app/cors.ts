import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";

export interface CorsOptions {
  /** The only origin allowed to call the api from a browser (WEB_ORIGIN). */
  webOrigin: string;
}

/**
 * Headers a browser script may read: pagination, the created task's URL, tracing, challenges,
 * and whether a keyed write's answer was replayed (docs/contract.md#idempotency-key).
 */
const EXPOSED_HEADERS = [
  "Location",
  "Link",
  "X-Total-Count",
  "X-Request-Id",
  "Retry-After",
  "WWW-Authenticate",
  "Idempotent-Replayed",
  // The export's file name, which the account page saves the download under.
  "Content-Disposition",
].join(", ");
const ALLOWED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"].join(", ");
const ALLOWED_HEADERS = ["Authorization", "Content-Type", "X-Request-Id", "Idempotency-Key"].join(
  ", ",
);
const MAX_AGE_SECONDS = "600";

/**
 * CORS for WEB_ORIGIN only. A preflight (OPTIONS with Origin and Access-Control-Request-Method)
 * is answered 204 here, before authentication, from any origin — but only WEB_ORIGIN gets
 * Access-Control-Allow-Origin. A plain OPTIONS is not a preflight: CORS stays out of its way so
 * that authentication answers it like any other request.
 *
 * The headers are @fastify/cors's for these options, byte for byte; it is not used because with
 * per-request options (the plain-OPTIONS case) it rebuilds and merges its options on every
 * request (visible in the api's CPU profile under load, docs/benchmarks), while ours are
 * constant strings.
 */
export default fp<CorsOptions>(
  async function corsForWebOrigin(app, { webOrigin }) {
    app.addHook("onRequest", (request, reply, done) => {
      reply.header("vary", "Origin");
      const preflight = isPreflight(request);
      if (request.method === "OPTIONS" && !preflight) return done();
      if (request.headers.origin === webOrigin) {
        reply.header("access-control-allow-origin", webOrigin);
      }
      reply.header("access-control-expose-headers", EXPOSED_HEADERS);
      if (!preflight || request.method !== "OPTIONS") return done();
      reply
        .header("access-control-allow-methods", ALLOWED_METHODS)
        .header("access-control-allow-headers", ALLOWED_HEADERS)
        .header("access-control-max-age", MAX_AGE_SECONDS)
        .code(204)
        .header("content-length", "0")
        .send();
    });

    // Lets the router accept OPTIONS on every path; a plain OPTIONS that got past
    // authentication is answered as an unknown route (405 with Allow where one exists).
    app.options("*", { schema: { hide: true } }, (_request, reply) => {
      reply.callNotFound();
    });
  },
  { name: "cors", dependencies: ["request-context"] },
);

function isPreflight(request: FastifyRequest): boolean {
  return (
    request.headers.origin !== undefined &&
    request.headers["access-control-request-method"] !== undefined
  );
}
