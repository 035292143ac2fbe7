import {
  EXPORT_MEDIA_TYPES,
  ExportDocument,
  ExportQuery,
  ImportQuery,
  ImportSummary,
  PROBLEM_CONTENT_TYPE,
  Problem,
} from "@ownlist/contract";
import { Type } from "@sinclair/typebox";
import { API_ERROR_RESPONSES, problemResponse } from "../../problem-responses.ts";

const UserParams = Type.Object({
  user_id: Type.String({ description: "Must be the token's `sub`, else 403." }),
});

const common = {
  tags: ["tasks"],
  security: [{ bearerAuth: [] }],
  params: UserParams,
};

export const exportTasksSchema = {
  ...common,
  operationId: "exportTasks",
  summary: "Export every task",
  description:
    'Every task of the user, oldest first, streamed: JSON (`Accept: application/json`, the default) or CSV (`Accept: text/csv`); `?format=json|csv` wins over `Accept`. `Content-Disposition: attachment; filename="ownlist-tasks-YYYY-MM-DD.json|csv"`. CSV: UTF-8 with a byte-order mark, CRLF, a header row, tags joined with `|`, a cell that would start a spreadsheet formula prefixed with `\'` (docs/contract.md#export).',
  querystring: ExportQuery,
  response: {
    ...API_ERROR_RESPONSES,
    200: {
      description: "The export, as an attachment.",
      headers: {
        "Content-Disposition": {
          type: "string",
          description: 'attachment; filename="ownlist-tasks-YYYY-MM-DD.json" (or .csv)',
        },
      },
      content: {
        [EXPORT_MEDIA_TYPES.json]: { schema: ExportDocument },
        [EXPORT_MEDIA_TYPES.csv]: {
          schema: { type: "string", description: "The CSV file." },
        },
      },
    },
    403: problemResponse("The user in the path is not the token's user."),
    406: problemResponse(
      "`Accept` names neither application/json nor text/csv (`urn:ownlist:problem:not-acceptable`).",
    ),
    422: problemResponse("`format` is neither `json` nor `csv`."),
  },
};

const fileBody = (maxBytes: number) => ({
  description: `The file, at most ${maxBytes.toLocaleString("en-US")} bytes (API_IMPORT_MAX_BYTES): a JSON export (version 1) or a CSV file with a header row naming at least \`title\`.`,
  content: {
    [EXPORT_MEDIA_TYPES.json]: { schema: ExportDocument },
    [EXPORT_MEDIA_TYPES.csv]: { schema: { type: "string" } },
  },
});

export function importTasksSchema(maxBytes: number) {
  return {
    ...common,
    operationId: "importTasks",
    summary: "Import tasks from a file",
    description: `All or nothing, in one transaction: every row is checked with the task rules; if any is refused nothing is imported (422 \`import-refused\` with \`rows\`). \`?dry_run=true\` checks and answers what would happen, writing nothing. The same file imported again within API_IDEMPOTENCY_TTL_HOURS is refused (409 \`already-imported\`). At most API_MAX_TASKS_PER_USER tasks in all (docs/contract.md#import).`,
    querystring: ImportQuery,
    headers: Type.Object({
      "idempotency-key": Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 255,
          pattern: "^[!-~]+$",
          description:
            "As on every write (docs/contract.md#idempotency-key): a retry gets the first answer again. Ignored by a dry run.",
        }),
      ),
    }),
    body: fileBody(maxBytes),
    response: {
      ...API_ERROR_RESPONSES,
      200: { ...ImportSummary, description: "The dry run: what an import would do." },
      201: { ...ImportSummary, description: "Imported: every task of the file was added." },
      403: problemResponse("The user in the path is not the token's user."),
      409: problemResponse(
        "The file was already imported (`urn:ownlist:problem:already-imported`); or its tasks would take the user past API_MAX_TASKS_PER_USER (`urn:ownlist:problem:task-limit`); or a request with this `Idempotency-Key` is still running (`urn:ownlist:problem:request-in-progress`).",
      ),
      413: problemResponse("The file is larger than API_IMPORT_MAX_BYTES."),
      415: problemResponse("A body that is neither application/json nor text/csv."),
      422: {
        description:
          "The file cannot be read (`urn:ownlist:problem:invalid-file`: not UTF-8, not JSON or CSV, not an Ownlist export of version 1, no `title` column, an unknown column, no task), or rows break the task rules (`urn:ownlist:problem:import-refused`, every one in `rows`), or a query parameter or the `Idempotency-Key` is invalid (`urn:ownlist:problem:validation`).",
        content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
      },
    },
  };
}
