import type { ProblemFieldError } from "@ownlist/contract";
import { validationFailed, type ProblemError } from "./problem-error.ts";

/**
 * What our validator compiler returns for a bad body or query (Fastify passes it through to the
 * error handler unchanged): one entry per bad field, already in words.
 */
export class RequestValidationError extends Error {
  readonly statusCode = 422;
  readonly code = "FST_ERR_VALIDATION";

  constructor(readonly fields: ProblemFieldError[]) {
    super(`invalid ${fields.map((field) => field.field).join(", ")}`);
    this.name = "RequestValidationError";
  }

  toProblem(): ProblemError {
    return validationFailed(this.fields);
  }
}
