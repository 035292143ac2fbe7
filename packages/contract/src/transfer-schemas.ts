import { type Static, Type } from "@sinclair/typebox";
import { RefusedRow } from "./problem.ts";
import { nullable, Task, Timestamp, writableFields } from "./task.ts";
import { EXPORT_FORMAT, EXPORT_FORMATS, EXPORT_VERSION } from "./transfer.ts";

/** docs/contract.md#export: the JSON export, and the JSON an import reads. */
export const ExportDocument = Type.Object(
  {
    format: Type.Literal(EXPORT_FORMAT),
    version: Type.Literal(EXPORT_VERSION),
    exported_at: Type.String({ format: "date-time" }),
    tasks: Type.Array(Task, { description: "Every task of the person, oldest first." }),
  },
  { title: "ExportDocument" },
);
export type ExportDocument = Static<typeof ExportDocument>;

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Unsafe<(typeof EXPORT_FORMATS)[number]>({
        type: "string",
        enum: [...EXPORT_FORMATS],
        description:
          "Wins over `Accept`. Without it, `Accept` chooses; JSON when it names neither.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const ImportQuery = Type.Object(
  {
    dry_run: Type.Optional(
      Type.Boolean({
        description: "`true`: check the file and answer what an import would do; change nothing.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

/** The answer of an import (201) or of its dry run (200). */
export const ImportSummary = Type.Object(
  {
    dry_run: Type.Boolean(),
    /** Tasks added, or that would be (the dry run: the rows that pass). */
    added: Type.Integer({ minimum: 0 }),
    /** Rows refused: always empty after a real import, which is all or nothing. */
    refused: Type.Array(RefusedRow),
  },
  { title: "ImportSummary" },
);
export type ImportSummary = Static<typeof ImportSummary>;

/**
 * One task of a file being imported (a JSON export's task, or a CSV row read into an object):
 * the writable fields with the rules of a create (docs/contract.md#task), the times it keeps,
 * and `id`, `user_id` accepted and ignored (an imported task gets a new id and the importer as
 * its owner). Any other name is refused, as in a create.
 */
export const ImportedTask = Type.Object(
  {
    id: Type.Optional(Type.Unknown()),
    user_id: Type.Optional(Type.Unknown()),
    title: writableFields.title,
    description: Type.Optional(writableFields.description),
    completed: Type.Optional(writableFields.completed),
    priority: Type.Optional(writableFields.priority),
    due_date: Type.Optional(writableFields.due_date),
    tags: Type.Optional(writableFields.tags),
    created_at: Type.Optional(nullable(Timestamp)),
    updated_at: Type.Optional(nullable(Timestamp)),
    completed_at: Type.Optional(nullable(Timestamp)),
  },
  { title: "ImportedTask", additionalProperties: false },
);
export type ImportedTask = Static<typeof ImportedTask>;
