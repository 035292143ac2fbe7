import { type Static, Type } from "@sinclair/typebox";

export const ProblemFieldError = Type.Object(
  {
    field: Type.String({ description: 'The field: "title", "tags[2]", "limit", or "body".' }),
    message: Type.String(),
  },
  { title: "ProblemFieldError" },
);
export type ProblemFieldError = Static<typeof ProblemFieldError>;

/** Every error the api returns: `application/problem+json` (RFC 9457). */
export const Problem = Type.Object(
  {
    type: Type.String({
      description: "A stable URN naming the kind of problem (`about:blank`: see the status).",
    }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    request_id: Type.String(),
    errors: Type.Optional(Type.Array(ProblemFieldError)),
  },
  { title: "Problem" },
);
export type Problem = Static<typeof Problem>;
