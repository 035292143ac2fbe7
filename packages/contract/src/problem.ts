import { type Static, Type } from "@sinclair/typebox";

export const ProblemFieldError = Type.Object(
  {
    field: Type.String({ description: 'The field: "title", "tags[2]", "limit", or "body".' }),
    message: Type.String(),
  },
  { title: "ProblemFieldError" },
);
export type ProblemFieldError = Static<typeof ProblemFieldError>;

/**
 * A row an import refuses (docs/contract.md#import): where it is (`line` for CSV: the file line
 * its record starts on, the header being line 1; `index` for JSON: its 0-based position in
 * `tasks`) and each bad field.
 */
export const RefusedRow = Type.Object(
  {
    line: Type.Optional(Type.Integer({ minimum: 1 })),
    index: Type.Optional(Type.Integer({ minimum: 0 })),
    errors: Type.Array(ProblemFieldError),
  },
  { title: "RefusedRow" },
);
export type RefusedRow = Static<typeof RefusedRow>;

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
    rows: Type.Optional(
      Type.Array(RefusedRow, {
        description: "`import-refused` only: every refused row of the file.",
      }),
    ),
  },
  { title: "Problem" },
);
export type Problem = Static<typeof Problem>;
