import cors, { type FastifyCorsOptions } from "@fastify/cors";
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";

export interface CorsOptions {
  /** The only origin allowed to call the api from a browser (WEB_ORIGIN). */
  webOrigin: string;
}

/** Headers a browser script may read: pagination, the created task's URL, tracing, challenges. */
const EXPOSED_HEADERS = [
  "Location",
  "Link",
  "X-Total-Count",
  "X-Request-Id",
  "Retry-After",
  "WWW-Authenticate",
];

/**
 * CORS for WEB_ORIGIN only. A preflight (OPTIONS with Origin and Access-Control-Request-Method)
 * is answered 204 here, before authentication, from any origin — but only WEB_ORIGIN gets
 * Access-Control-Allow-Origin. A plain OPTIONS is not a preflight: CORS stays out of its way so
 * that authentication answers it like any other request (@fastify/cors would answer it 400).
 */
export default fp<CorsOptions>(
  async function corsForWebOrigin(app, { webOrigin }) {
    const enabled: FastifyCorsOptions = {
      origin: [webOrigin],
      methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      allowedHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
      strictPreflight: true,
    };
    const disabled: FastifyCorsOptions = { origin: false };
    await app.register(cors, {
      hook: "onRequest",
      delegator(request: FastifyRequest, callback) {
        const plainOptions = request.method === "OPTIONS" && !isPreflight(request);
        callback(null, plainOptions ? disabled : enabled);
      },
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
