import type { onRequestHookHandler, preValidationHookHandler } from "fastify";
import { forbiddenPath, malformedRequest } from "../../../plugins/app/problems/problem-error.ts";

/**
 * 403 when the path's user is not the token's: checked at onRequest, right after authentication,
 * so a request about someone else's tasks learns nothing about its body either.
 */
export const authorizeOwnerPath: onRequestHookHandler = (request, _reply, done) => {
  const { user_id: pathUser } = request.params as { user_id?: string };
  if (pathUser !== undefined && pathUser !== request.user?.sub) return done(forbiddenPath());
  done();
};

/** POST, PUT and PATCH need a JSON object; an empty body is refused before validation. */
export const requireBody: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) {
    return done(malformedRequest("The request body is empty: send a JSON object.", "empty_body"));
  }
  done();
};

/** `/complete` toggles on no body at all: treat it as `{}`. */
export const bodyOrEmptyObject: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) request.body = {};
  done();
};
