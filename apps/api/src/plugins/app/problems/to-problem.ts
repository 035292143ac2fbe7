import { STATUS_CODES } from "node:http";
import { MAX_BODY_BYTES, PROBLEM_TYPES } from "@ownlist/contract";
import type { FastifyError } from "fastify";
import { malformedRequest, ProblemError } from "./problem-error.ts";
import { RequestValidationError } from "./request-validation-error.ts";

/**
 * PostgreSQL and postgres.js codes that mean "the database is away", not "the query is wrong".
 * postgres.js hands on its socket's own errors unchanged: a pipelined write that meets a server
 * which has just closed the connection (PostgreSQL stopping) fails with EPIPE, one whose host or
 * network has gone with ENETUNREACH and the like. The api reaches nothing else over the network
 * while it serves a request, so these can only be the database's.
 */
const DATABASE_UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/**
 * The api's own database limits (API_DATABASE_STATEMENT_TIMEOUT_MS and
 * API_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS) cut the request's work short. The api's own
 * cancels (a request's deadline) reach the caller as the deadline's 503 instead
 * (docs/contract.md#request-deadline), so a 57014 here is the statement timeout (or an operator's
 * pg_cancel_backend): either way the request was not done, and a retry may succeed.
 */
const DATABASE_TIMEOUT = new Set([
  "57014", // query_canceled
  "25P03", // idle_in_transaction_session_timeout
]);

/**
 * PostgreSQL gave up the request's transaction to let another one through: it rolled back,
 * nothing of it was applied, and the same request may well succeed now
 * (docs/contract.md#database).
 */
const DATABASE_CONFLICT = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available
]);

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = "5";

/** 503 with Retry-After: the api cannot serve now, but the same request may work shortly. */
export function serviceUnavailable(detail: string, reason: string): ProblemError {
  return new ProblemError(503, PROBLEM_TYPES.unavailable, "Service Unavailable", detail, {
    reason,
    headers: { "retry-after": RETRY_AFTER_SECONDS },
  });
}

/**
 * Maps anything thrown during a request to an expected problem. Returns undefined for a genuine
 * server error, which the caller logs and answers with a plain 500. `bodyLimit`: the route's own
 * (an import's is larger: docs/contract.md#import).
 */
export function toProblem(
  error: unknown,
  bodyLimit: number = MAX_BODY_BYTES,
): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof RequestValidationError) return error.toProblem();

  const { code, statusCode } = error as Partial<FastifyError>;
  switch (code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ProblemError(
        415,
        PROBLEM_TYPES.unsupportedMediaType,
        "Unsupported Media Type",
        "Send request bodies as JSON with Content-Type: application/json.",
        { reason: "unsupported_media_type" },
      );
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ProblemError(
        413,
        PROBLEM_TYPES.payloadTooLarge,
        "Content Too Large",
        `Request bodies are limited to ${bodyLimit} bytes.`,
        { reason: "payload_too_large" },
      );
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return malformedRequest("The request body is not valid JSON.", "malformed_json");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return malformedRequest("Content-Length does not match the body.");
  }
  if (code !== undefined && DATABASE_UNAVAILABLE.has(code)) {
    return serviceUnavailable(
      "The database is unavailable. Retry shortly.",
      "database_unavailable",
    );
  }
  if (code !== undefined && DATABASE_TIMEOUT.has(code)) {
    return new ProblemError(
      503,
      PROBLEM_TYPES.unavailable,
      "Service Unavailable",
      "The database did not finish this request within the api's time limit. Retry shortly; a narrower search or filter needs less time.",
      { reason: "database_timeout", headers: { "retry-after": RETRY_AFTER_SECONDS } },
    );
  }
  if (code !== undefined && DATABASE_CONFLICT.has(code)) {
    return serviceUnavailable(
      "The database turned this request back to let another change of the same tasks through; nothing was changed. Retry shortly.",
      "database_conflict",
    );
  }
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return new ProblemError(
      statusCode,
      statusCode === 429 ? PROBLEM_TYPES.tooManyRequests : PROBLEM_TYPES.httpStatus,
      STATUS_CODES[statusCode] ?? "Client Error",
      STATUS_CODES[statusCode] ?? "The request cannot be processed.",
      { reason: code ?? `http_${statusCode}` },
    );
  }
  return undefined;
}
