import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from "@ownlist/contract";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { pathOf } from "../api-path.ts";
import { methodNotAllowed, ProblemError, routeNotFound } from "./problem-error.ts";
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
      const problem = toProblem(error);
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

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError) {
  if (problem.headers) reply.headers(problem.headers);
  const body: Problem = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    request_id: request.id,
  };
  if (problem.errors) body.errors = problem.errors;
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Contract section 3.8: one structured line per rejected request, never the token or the
 * secret — the path is logged without its query string, which a careless client may have used
 * for a token. (The hardening issue's limit on rejected traffic belongs next to this line.)
 */
function logRejection(request: FastifyRequest, problem: ProblemError): void {
  request.log.warn(
    {
      event: "request_rejected",
      reason: problem.reason,
      status: problem.status,
      request_id: request.id,
      method: request.method,
      path: pathOf(request.url),
      client_address: request.ip,
      sub: request.user?.sub,
    },
    "request rejected",
  );
}

function internalError(): ProblemError {
  return new ProblemError(
    500,
    PROBLEM_TYPES.internal,
    "Internal Server Error",
    "Something went wrong on our side. Quote the request id when reporting it.",
    { reason: "internal_error" },
  );
}
