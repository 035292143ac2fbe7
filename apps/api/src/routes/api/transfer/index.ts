import { PassThrough } from "node:stream";
import {
  EXPORT_FORMATS,
  EXPORT_MEDIA_TYPES,
  type ExportFormat,
  exportFileName,
  type ExportQuery,
  ImportedTask,
  type ImportQuery,
  type ImportSummary,
} from "@ownlist/contract";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import Negotiator from "negotiator";
import { fingerprintOf, sha256 } from "../../../plugins/app/idempotency/fingerprint.ts";
import {
  accountDeleted,
  alreadyImported,
  IDEMPOTENCY_KEY_HEADER,
  importPastTaskLimit,
  importRefused,
  malformedRequest,
  notAcceptable,
  type ProblemError,
  taskLimitReached,
} from "../../../plugins/app/problems/problem-error.ts";
import type { RequestValidationError } from "../../../plugins/app/problems/request-validation-error.ts";
import type {
  ImportOutcome,
  ImportRequest,
} from "../../../plugins/app/tasks/transfer-repository.ts";
import { compileValidator } from "../../../plugins/app/validation.ts";
import { authorizeOwnerPath } from "../tasks/hooks.ts";
import { ownerOf } from "../tasks/request-owner.ts";
import { readImportFile, type TaskCheck, TooManyRows } from "./import-file.ts";
import { EXPORT_WRITERS } from "./export-writers.ts";
import { exportTasksSchema, importTasksSchema } from "./schemas.ts";

export interface TransferRoutesOptions {
  /** API_IMPORT_MAX_BYTES. */
  importMaxBytes: number;
}

/** Rows fetched from the cursor at a time: small enough to keep memory flat, large enough to stream fast. */
const EXPORT_BATCH_ROWS = 500;

/**
 * `/api/{user_id}/export` and `/api/{user_id}/import` (docs/contract.md#export, #import). Same
 * authentication, path check, rate limits and deadline as the task routes. Registered in a
 * context of their own: the import reads its body as bytes (JSON or CSV, up to
 * API_IMPORT_MAX_BYTES), which no other route does.
 */
const transferRoutes: FastifyPluginAsync<TransferRoutesOptions> = async (
  app,
  { importMaxBytes },
) => {
  app.addHook("onRoute", (route) => {
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...own, authorizeOwnerPath];
  });

  // The file's bytes, as sent: checked for UTF-8 and fingerprinted before being read.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [EXPORT_MEDIA_TYPES.json, EXPORT_MEDIA_TYPES.csv],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );

  const checkTask = taskCheck();

  app.get<{ Params: { user_id: string }; Querystring: ExportQuery }>(
    "/:user_id/export",
    { schema: exportTasksSchema },
    async (request, reply) => {
      const format = exportFormatOf(request);
      const writer = EXPORT_WRITERS[format];
      const now = new Date();
      const body = new PassThrough();
      // The request's deadline covers the export until its first rows are read (the answer's
      // status depends on it); after that the reader sets the pace, bounded by the database's
      // idle-in-transaction timeout between batches (docs/contract.md#export).
      const reading = new AbortController();
      const passDeadline = () => reading.abort(request.deadline.reason);
      request.deadline.addEventListener("abort", passDeadline, { once: true });
      let started: (() => void) | undefined;
      const firstRows = new Promise<"started">((resolve) => {
        started = () => resolve("started");
      });
      let first = true;
      const done = app.taskTransfer.exportTasks(
        ownerOf(request),
        EXPORT_BATCH_ROWS,
        async (tasks) => {
          if (first) {
            request.deadline.removeEventListener("abort", passDeadline);
            await write(body, writer.head(now.toISOString()));
            started?.();
          }
          await write(body, writer.batch(tasks, first));
          first = false;
        },
        { signal: reading.signal },
      );
      // Before the first rows, a failure is an ordinary problem+json answer.
      const state = await Promise.race([firstRows, done.then(() => "finished" as const)]);
      if (state === "finished") {
        request.deadline.removeEventListener("abort", passDeadline);
        if (first) await write(body, writer.head(now.toISOString()));
        body.end(writer.tail());
      } else {
        // After them, a failure can only cut the download short: the client sees the response
        // end without its last chunk, never a file that looks complete.
        done.then(
          () => body.end(writer.tail()),
          (error: unknown) => {
            if (!body.destroyed) request.log.error({ err: error }, "export cut short");
            body.destroy(error instanceof Error ? error : new Error("export failed"));
          },
        );
      }
      return reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="${exportFileName(format, now)}"`)
        .send(body);
    },
  );

  app.post<{ Params: { user_id: string }; Querystring: ImportQuery; Body: Buffer | undefined }>(
    "/:user_id/import",
    {
      schema: importTasksSchema(importMaxBytes),
      bodyLimit: importMaxBytes,
      // The body is a file, read and checked row by row by the handler; query and headers as
      // everywhere.
      validatorCompiler: (route) =>
        route.httpPart === "body" ? (data: unknown) => ({ value: data }) : compileValidator(route),
    },
    async (request, reply) => {
      if (request.body === undefined || !Buffer.isBuffer(request.body)) {
        throw malformedRequest(
          "The request body is empty: send the file as application/json or text/csv.",
          "empty_body",
        );
      }
      const kind = request.headers["content-type"]?.toLowerCase().includes("csv") ? "csv" : "json";
      const max = app.tasks.maxTasksPerUser;
      let file;
      try {
        file = readImportFile(request.body, kind, checkTask, { maxRows: max });
      } catch (error) {
        if (error instanceof TooManyRows) throw importPastTaskLimit(max, `more than ${max}`, max);
        throw error;
      }
      const dryRun = request.query.dry_run === true;
      const ownerId = ownerOf(request);
      if (!dryRun && file.refused.length > 0) throw importRefused(file.refused);
      const importing: ImportRequest = {
        ownerId,
        rows: file.rows,
        fingerprint: sha256(request.body),
        dryRun,
      };
      const fileRows = file.rows.length + file.refused.length;
      const answer = (outcome: ImportOutcome): ImportSummary => {
        if (outcome.ok) return { dry_run: dryRun, added: outcome.added, refused: file.refused };
        throw refusalOf(outcome, fileRows);
      };
      const key = request.headers[IDEMPOTENCY_KEY_HEADER] as string | undefined;
      if (dryRun || key === undefined) {
        const outcome = await app.taskTransfer.importTasks(importing, {
          signal: request.deadline,
        });
        return reply.code(dryRun ? 200 : 201).send(answer(outcome));
      }
      const keyed = { ownerId, key, fingerprint: fingerprintOf(request) };
      const outcome = await app.idempotency.run(keyed, async (tx) => ({
        status: 201,
        body: answer(await app.taskTransfer.importTasksWithin(tx, importing)),
        location: null,
      }));
      if (outcome.replayed) reply.header("idempotent-replayed", "true");
      return reply.code(outcome.response.status).send(outcome.response.body);
    },
  );

  function refusalOf(
    outcome: Exclude<ImportOutcome, { ok: true }>,
    fileRows: number,
  ): ProblemError {
    switch (outcome.reason) {
      case "unknown_user":
        return accountDeleted();
      case "already_imported":
        return alreadyImported(outcome.importedAt, outcome.count);
      case "task_limit":
        return outcome.room === 0
          ? taskLimitReached(app.tasks.maxTasksPerUser)
          : importPastTaskLimit(app.tasks.maxTasksPerUser, String(fileRows), outcome.room);
    }
  }
};

export default transferRoutes;

/** `?format` wins; else `Accept` chooses between the two (JSON when it names neither, or is absent). */
function exportFormatOf(request: FastifyRequest<{ Querystring: ExportQuery }>): ExportFormat {
  if (request.query.format !== undefined) return request.query.format;
  const types = EXPORT_FORMATS.map((format) => EXPORT_MEDIA_TYPES[format]);
  const chosen = new Negotiator(request).mediaType(types);
  const format = EXPORT_FORMATS.find((name) => EXPORT_MEDIA_TYPES[name] === chosen);
  if (format === undefined) throw notAcceptable();
  return format;
}

/** One task checked exactly as a create's body is (the same compiled validator and normalizer). */
function taskCheck(): TaskCheck {
  const validate = compileValidator({
    schema: ImportedTask,
    method: "POST",
    url: "/import",
    httpPart: "body",
  }) as (data: unknown) => { value: ImportedTask } | { error: RequestValidationError };
  return (candidate) => {
    const result = validate(candidate);
    return "error" in result ? { errors: result.error.fields } : { value: result.value };
  };
}

/** Writes `chunk`, waiting while the reader is behind; fails once the reader has gone. */
async function write(stream: PassThrough, chunk: string): Promise<void> {
  if (stream.destroyed) throw new Error("the export's reader went away");
  if (chunk === "" || stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const drained = () => {
      stream.off("close", closed);
      resolve();
    };
    const closed = () => {
      stream.off("drain", drained);
      reject(new Error("the export's reader went away"));
    };
    stream.once("drain", drained);
    stream.once("close", closed);
  });
}
