import fp from "fastify-plugin";
import { pathOf } from "./api-path.ts";

/**
 * docs/contract.md#access-log: one line per answered request, written when the response has
 * been sent — in place of Fastify's two (`disableRequestLogging` in app.ts), because each line
 * costs the event loop a serialisation and a write. The path goes without its query string,
 * which may carry a token; `request_id` comes from the request's child logger (app.ts). At
 * `debug` a line also marks each request's arrival, for following a request that never ends.
 */
export default fp(
  async function accessLog(app) {
    if (app.log.level === "debug" || app.log.level === "trace") {
      app.addHook("onRequest", (request, _reply, done) => {
        request.log.debug(
          { method: request.method, path: pathOf(request.url) },
          "request received",
        );
        done();
      });
    }
    app.addHook("onResponse", (request, reply, done) => {
      request.log.info(
        {
          method: request.method,
          path: pathOf(request.url),
          status: reply.statusCode,
          duration_ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        "request",
      );
      done();
    });
  },
  { name: "access-log" },
);
