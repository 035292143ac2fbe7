import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { isApiPath } from "../api-path.ts";
import { malformedRequest, type ProblemError } from "./problem-error.ts";
import { logRejection, sendProblem } from "./send-problem.ts";

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode (`/api/%zz`) or a path parameter longer
 * than the router allows is refused before any hook runs. Under /api a stranger must still get
 * the 401 first, and every answer is a problem with the usual headers. (No hook and no error
 * handler runs for these requests: the problem is sent from here.)
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header("x-request-id", request.id);
  if (!isApiPath(request.url)) return answerMalformed(error, request, reply);
  reply.header("cache-control", "no-store");
  const refuse = (refusal: ProblemError | undefined) => {
    if (refusal === undefined) return answerMalformed(error, request, reply);
    logRejection(request, refusal);
    sendProblem(request, reply, refusal);
  };
  const refusal = request.server.authenticateRequest(request);
  if (refusal instanceof Promise) void refusal.then(refuse);
  else refuse(refusal);
}

function answerMalformed(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const detail =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? "A path segment of the request URL is too long."
      : "The request URL is not valid.";
  const problem = malformedRequest(
    detail,
    error.code === "FST_ERR_BAD_URL" ? "bad_url" : "bad_path",
  );
  logRejection(request, problem);
  sendProblem(request, reply, problem);
}
