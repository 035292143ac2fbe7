import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from "@ownlist/contract";
import type { FastifyReply, FastifyRequest } from "fastify";
import { pathOf } from "../api-path.ts";
import { ProblemError } from "./problem-error.ts";

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError) {
  if (problem.headers) reply.headers(problem.headers);
  const body: Problem = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    request_id: request.id,
  };
  if (problem.errors) body.errors = problem.errors;
  if (problem.rows) body.rows = problem.rows;
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * docs/contract.md#security-log: one structured line per rejected request, never the token or
 * the secret — the path is logged without its query string, which a careless client may have used
 * for a token. The limit on rejected traffic counts the same 401s (plugins/app/rate-limits).
 */
export function logRejection(request: FastifyRequest, problem: ProblemError): void {
  request.log.warn(
    {
      event: "request_rejected",
      reason: problem.reason,
      status: problem.status,
      // request_id: bound to request.log by the log controller (app.ts).
      method: request.method,
      path: pathOf(request.url),
      client_address: request.ip,
      sub: request.user?.sub,
    },
    "request rejected",
  );
}

export function internalError(): ProblemError {
  return new ProblemError(
    500,
    PROBLEM_TYPES.internal,
    "Internal Server Error",
    "Something went wrong on our side. Quote the request id when reporting it.",
    { reason: "internal_error" },
  );
}
