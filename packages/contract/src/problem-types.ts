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
  /** 406: the export was asked for in a format it does not come in (docs/contract.md#export). */
  notAcceptable: "urn:ownlist:problem:not-acceptable",
  /** 422: an import's file cannot be read as a task file at all (docs/contract.md#import). */
  invalidFile: "urn:ownlist:problem:invalid-file",
  /** 422: an import's file was read, and some of its rows break the task rules (`rows`). */
  importRefused: "urn:ownlist:problem:import-refused",
  /** 409: the same file was imported already (docs/contract.md#import). */
  alreadyImported: "urn:ownlist:problem:already-imported",
  requestInProgress: "urn:ownlist:problem:request-in-progress",
  unavailable: "urn:ownlist:problem:unavailable",
  internal: "urn:ownlist:problem:internal",
  /** RFC 9457's type for a problem with no semantics beyond its HTTP status. */
  httpStatus: "about:blank",
} as const;
export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];
