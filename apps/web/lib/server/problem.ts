import { randomUUID } from "node:crypto";
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type ProblemType,
} from "@ownlist/contract/problem-types";

export interface Problem {
  status: number;
  title: string;
  detail: string;
  /** A URI naming the problem type; `about:blank` when the status says it all. */
  type?: ProblemType;
}

/** An RFC 9457 problem+json response in the shape of docs/contract.md#errors, never cached. */
export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  const requestId = randomUUID();
  const body = {
    type: problem.type ?? PROBLEM_TYPES.httpStatus,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    request_id: requestId,
  };
  const responseHeaders = new Headers(headers);
  responseHeaders.set("content-type", PROBLEM_CONTENT_TYPE);
  responseHeaders.set("cache-control", "no-store");
  responseHeaders.set("x-request-id", requestId);
  return new Response(JSON.stringify(body), { status: problem.status, headers: responseHeaders });
}
