import type { ProblemBody as Problem } from "./types.ts";

/** A refusal from the api (any non-2xx), carrying its problem+json body when there was one. */
export class ApiProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ApiProblemError";
  }

  /** One message per writable field (`title`, `tags`, …), the first the api gave for it. */
  get fieldErrors(): FieldErrors {
    return toFieldErrors(this.problem.errors);
  }
}

export type FieldErrors = Partial<Record<string, string>>;

/**
 * The api names fields as JSON pointers or paths (`/title`, `tags/3`, `body.due_date`); the
 * forms only know top-level field names, so a path is reduced to its first real segment.
 */
export function fieldName(path: string): string {
  const segments = path.split(/[/.[\]]+/).filter((segment) => segment !== "");
  const first = segments[0] === "body" ? segments[1] : segments[0];
  return first ?? "";
}

export function toFieldErrors(errors: Problem["errors"]): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors ?? []) {
    const name = fieldName(error.field);
    if (result[name] === undefined) result[name] = error.message;
  }
  return result;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Problem).title === "string" &&
    typeof (value as Problem).status === "number"
  );
}

/** Reads a failed response into an error; a body that is not a problem gets a generic one. */
export async function problemFromResponse(response: Response): Promise<ApiProblemError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const problem: Problem = isProblem(body)
    ? body
    : { title: response.statusText || "Request failed", status: response.status };
  return new ApiProblemError(response.status, problem);
}

/** Words for a toast: what failed, in terms a person can act on. */
export function describeError(error: unknown): string {
  if (error instanceof ApiProblemError) {
    if (error.status === 404) return "That task no longer exists.";
    if (error.status === 429) return "Too many requests. Wait a moment and try again.";
    if (error.status >= 500) return "The server is having trouble. Try again in a moment.";
    return error.problem.detail ?? error.problem.title;
  }
  return "Could not reach the server. Check your connection and try again.";
}

/**
 * Failures nobody needs to hear about: a request cancelled because the list moved on, or the
 * session having ended (apiFetch is already taking the person to sign-in).
 */
export function isQuietError(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === "AbortError" || error.name === "SessionEndedError")
  );
}
