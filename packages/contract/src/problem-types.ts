/**
 * The media type (docs/contract.md#errors) and `type` URNs (#problem-types) of every problem. No
 * schema builder here: web's route handlers and browser code import this through
 * `@ownlist/contract/problem-types`.
 */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** `type` values, one per kind of failure. Stable: clients may switch on them. */
export const PROBLEM_TYPES = {
  malformedRequest: "urn:ownlist:problem:malformed-request",
  unauthenticated: "urn:ownlist:problem:unauthenticated",
  invalidToken: "urn:ownlist:problem:invalid-token",
  forbidden: "urn:ownlist:problem:forbidden",
  notFound: "urn:ownlist:problem:not-found",
  methodNotAllowed: "urn:ownlist:problem:method-not-allowed",
  payloadTooLarge: "urn:ownlist:problem:payload-too-large",
  unsupportedMediaType: "urn:ownlist:problem:unsupported-media-type",
  validation: "urn:ownlist:problem:validation",
  tooManyRequests: "urn:ownlist:problem:too-many-requests",
  taskLimit: "urn:ownlist:problem:task-limit",
  requestInProgress: "urn:ownlist:problem:request-in-progress",
  unavailable: "urn:ownlist:problem:unavailable",
  internal: "urn:ownlist:problem:internal",
  /** RFC 9457's type for a problem with no semantics beyond its HTTP status. */
  httpStatus: "about:blank",
} as const;
export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];
