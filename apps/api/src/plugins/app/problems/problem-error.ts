import {
  PROBLEM_TYPES,
  type ProblemFieldError,
  type ProblemType,
  type RefusedRow,
} from "@ownlist/contract";

export interface ProblemOptions {
  /** Stable code for the security log ("expired", "task_not_found", "validation", …). */
  reason: string;
  errors?: ProblemFieldError[];
  /** `import-refused`: every refused row of the file. */
  rows?: RefusedRow[];
  headers?: Record<string, string>;
}

/**
 * An expected failure, carried to the one error handler, which turns it into
 * `application/problem+json`. Thrown (or passed to `done`) from hooks and handlers.
 */
export class ProblemError extends Error {
  readonly reason: string;
  readonly errors: ProblemFieldError[] | undefined;
  readonly rows: RefusedRow[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly title: string,
    readonly detail: string,
    options: ProblemOptions,
  ) {
    super(detail);
    this.name = "ProblemError";
    this.reason = options.reason;
    this.errors = options.errors;
    this.rows = options.rows;
    this.headers = options.headers;
  }
}

const REALM = 'Bearer realm="ownlist"';

/** 401 when no bearer token was sent: the bare RFC 6750 challenge. */
export function missingToken(detail: string): ProblemError {
  return new ProblemError(401, PROBLEM_TYPES.unauthenticated, "Unauthorized", detail, {
    reason: "missing_token",
    headers: { "www-authenticate": REALM },
  });
}

/** 401 when a token was sent and failed a rule; `description` never contains the token. */
export function invalidToken(reason: string, description: string): ProblemError {
  // RFC 6750 limits error_description to printable ASCII without `"` and `\`.
  const quoted = description.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "'");
  return new ProblemError(401, PROBLEM_TYPES.invalidToken, "Unauthorized", description, {
    reason,
    headers: {
      "www-authenticate": `${REALM}, error="invalid_token", error_description="${quoted}"`,
    },
  });
}

/**
 * 401 for a valid token whose person has deleted their account since it was issued
 * (docs/contract.md#writes): every write says so, with the security log's `unknown_user`.
 */
export function accountDeleted(): ProblemError {
  return invalidToken("unknown_user", "The account this token was issued for no longer exists.");
}

export function forbiddenPath(): ProblemError {
  return new ProblemError(
    403,
    PROBLEM_TYPES.forbidden,
    "Forbidden",
    "The user in the path is not the user the token was issued for.",
    { reason: "path_user_mismatch" },
  );
}

/** The same answer for a task that does not exist and one that belongs to someone else. */
export function taskNotFound(): ProblemError {
  return new ProblemError(404, PROBLEM_TYPES.notFound, "Not Found", "No such task.", {
    reason: "task_not_found",
  });
}

/** 409: the owner already has the maximum number of tasks (API_MAX_TASKS_PER_USER). */
export function taskLimitReached(max: number): ProblemError {
  return new ProblemError(
    409,
    PROBLEM_TYPES.taskLimit,
    "Conflict",
    `You already have the maximum of ${max} tasks. Delete some before adding more.`,
    { reason: "task_limit" },
  );
}

/** The request header a keyed write carries (docs/contract.md#idempotency-key). */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** 409: a request with this Idempotency-Key is still running; retry it after Retry-After. */
export function idempotencyKeyInUse(): ProblemError {
  return new ProblemError(
    409,
    PROBLEM_TYPES.requestInProgress,
    "Conflict",
    "A request with this Idempotency-Key is still being processed. Retry it shortly.",
    { reason: "idempotency_key_in_use", headers: { "retry-after": "1" } },
  );
}

/** 422: this Idempotency-Key already answered a different request (method, path or body). */
export function idempotencyKeyReused(): ProblemError {
  return validationFailed([
    {
      field: IDEMPOTENCY_KEY_HEADER,
      message: "was already used for a different request: use a new key for a new request",
    },
  ]);
}

export function routeNotFound(): ProblemError {
  return new ProblemError(404, PROBLEM_TYPES.notFound, "Not Found", "No such resource.", {
    reason: "route_not_found",
  });
}

export function methodNotAllowed(allowed: readonly string[]): ProblemError {
  const allow = allowed.join(", ");
  return new ProblemError(
    405,
    PROBLEM_TYPES.methodNotAllowed,
    "Method Not Allowed",
    `This resource supports ${allow}.`,
    { reason: "method_not_allowed", headers: { allow } },
  );
}

export function malformedRequest(detail: string, reason = "malformed_request"): ProblemError {
  return new ProblemError(400, PROBLEM_TYPES.malformedRequest, "Bad Request", detail, { reason });
}

export function validationFailed(errors: ProblemFieldError[]): ProblemError {
  const fields = errors.map((error) => error.field).join(", ");
  return new ProblemError(
    422,
    PROBLEM_TYPES.validation,
    "Unprocessable Content",
    `Invalid value for: ${fields}.`,
    { reason: "validation", errors },
  );
}

/** 406: the export does not come in any format the request accepts (docs/contract.md#export). */
export function notAcceptable(): ProblemError {
  return new ProblemError(
    406,
    PROBLEM_TYPES.notAcceptable,
    "Not Acceptable",
    "The export comes as application/json or text/csv: accept one of them, or pass ?format=json or ?format=csv.",
    { reason: "not_acceptable" },
  );
}

/** 422: the import's file cannot be read as a task file (`reason` says why, for the log). */
export function invalidFile(detail: string, reason: string): ProblemError {
  return new ProblemError(422, PROBLEM_TYPES.invalidFile, "Unprocessable Content", detail, {
    reason,
  });
}

/** 422: rows of the import's file break the task rules; nothing was imported. */
export function importRefused(rows: RefusedRow[]): ProblemError {
  const count = rows.length;
  return new ProblemError(
    422,
    PROBLEM_TYPES.importRefused,
    "Unprocessable Content",
    `${count} ${count === 1 ? "row breaks" : "rows break"} the task rules: nothing was imported. Fix ${count === 1 ? "it" : "them"} and import the file again.`,
    { reason: "import_refused", rows },
  );
}

/** 409: this very file was imported already (within API_IDEMPOTENCY_TTL_HOURS). */
export function alreadyImported(importedAt: string, count: number): ProblemError {
  return new ProblemError(
    409,
    PROBLEM_TYPES.alreadyImported,
    "Conflict",
    `This file was already imported at ${importedAt} (${count} ${count === 1 ? "task" : "tasks"}): importing it again would add ${count === 1 ? "it" : "them"} twice.`,
    { reason: "already_imported" },
  );
}

/** 409 `task-limit`: the import would take the person past API_MAX_TASKS_PER_USER. */
export function importPastTaskLimit(max: number, fileRows: string, room: number): ProblemError {
  return new ProblemError(
    409,
    PROBLEM_TYPES.taskLimit,
    "Conflict",
    `The file holds ${fileRows} tasks, and you have room for ${room} more (at most ${max} in all). Delete some tasks or import a smaller file.`,
    { reason: "task_limit" },
  );
}
