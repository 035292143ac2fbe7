import { MAX_BODY_BYTES, PROBLEM_CONTENT_TYPE, Problem } from "@ownlist/contract";

/**
 * The problem+json responses that do not depend on what a route does, documented once here so
 * that the OpenAPI document lists them on every route that can give them (route schemas spread
 * these; `test/plugins/external/swagger.test.ts` checks every /api route has them).
 */

type Headers = Record<string, { type: string; description: string }>;

const RETRY_AFTER: Headers = {
  "Retry-After": { type: "integer", description: "Seconds to wait before trying again." },
};

/** One documented problem+json answer, with the headers it always carries. */
export function problemResponse(description: string, headers?: Headers) {
  return {
    description,
    ...(headers && { headers }),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
  };
}

/** Any route: the overload queue sheds a request before anything else runs. */
export const OVERLOADED = problemResponse(
  "The api is overloaded (`urn:ownlist:problem:unavailable`); see Retry-After.",
  RETRY_AFTER,
);

/** Every /api route, whatever it does: the hooks that run before it and the database under it. */
export const API_ERROR_RESPONSES = {
  400: problemResponse(
    "Malformed request: a URL that cannot be decoded; with a body, malformed JSON or an empty body where one is required.",
  ),
  401: problemResponse("No token, or the token failed a rule (see WWW-Authenticate).", {
    "WWW-Authenticate": {
      type: "string",
      description: 'Bearer realm="ownlist", with error="invalid_token" when a token was sent.',
    },
  }),
  429: problemResponse(
    "Too many requests from this user, or too many rejected tokens from this address (`urn:ownlist:problem:too-many-requests`); see Retry-After.",
    RETRY_AFTER,
  ),
  503: problemResponse(
    "The database is unavailable or the api is overloaded (`urn:ownlist:problem:unavailable`); see Retry-After.",
    RETRY_AFTER,
  ),
};

/** Every route that reads a request body (DELETE too, when a client sends one). */
export const BODY_ERROR_RESPONSES = {
  413: problemResponse(`Body over ${MAX_BODY_BYTES.toLocaleString("en-US")} bytes.`),
  415: problemResponse("A body without Content-Type: application/json."),
};
