import fp from "fastify-plugin";
import { pathOf } from "../api-path.ts";
import { methodNotAllowed, routeNotFound } from "./problem-error.ts";
import { internalError, logRejection, sendProblem } from "./send-problem.ts";
import { toProblem } from "./to-problem.ts";

/** Methods a resource may offer; OPTIONS is left out (it only answers CORS preflights). */
const OFFERABLE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The one place errors become `application/problem+json` (RFC 9457), and the one place a
 * rejected request is written to the security log. Also answers unknown routes (404) and known
 * routes asked with the wrong method (405 with `Allow`), which Fastify would both call 404.
 */
export default fp(
  async function problems(app) {
    app.setErrorHandler(function handleError(error, request, reply) {
      const problem = toProblem(error, request.routeOptions.bodyLimit);
      if (problem === undefined) {
        request.log.error({ err: error }, "unexpected error");
        return sendProblem(request, reply, internalError());
      }
      if (problem.status < 500) logRejection(request, problem);
      else request.log.error({ err: error, reason: problem.reason }, problem.detail);
      return sendProblem(request, reply, problem);
    });

    app.setNotFoundHandler(function notFound(request) {
      const path = pathOf(request.url);
      const allowed = OFFERABLE_METHODS.filter((method) => {
        try {
          return app.findRoute({ method, url: path }) !== null;
        } catch {
          return false;
        }
      });
      throw allowed.length > 0 ? methodNotAllowed(allowed) : routeNotFound();
    });
  },
  { name: "problems" },
);
