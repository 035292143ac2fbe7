import {
  CSV_COLUMNS,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportFormat,
  guardCsvCell,
  joinTags,
  type Task,
} from "@ownlist/contract";
import { stringify } from "csv-stringify/sync";

/** How an export is written: what comes before the tasks, each batch of them, what comes after. */
export interface ExportWriter {
  head(exportedAt: string): string;
  batch(tasks: Task[], first: boolean): string;
  tail(): string;
}

/**
 * RFC 4180: CRLF between records; a cell holding a comma, a quote or a line break is quoted, its
 * quotes doubled. csv-stringify quotes a cell that holds its own record delimiter (CRLF) but not
 * a lone LF or CR: `quoted_match` adds those.
 */
const CSV_OPTIONS = { record_delimiter: "windows", quoted_match: /[\r\n]/ } as const;

/**
 * docs/contract.md#export. JSON: the export document, written as it streams (one task per line).
 * CSV: UTF-8 with a byte-order mark (so that spreadsheets read it as UTF-8), a header row, one
 * row per task; tags joined with `|`; every cell guarded against formula injection.
 */
export const EXPORT_WRITERS: Record<ExportFormat, ExportWriter> = {
  json: {
    head: (exportedAt) =>
      `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exported_at":${JSON.stringify(exportedAt)},"tasks":[`,
    batch: (tasks, first) =>
      (first ? "\n" : ",\n") + tasks.map((task) => JSON.stringify(task)).join(",\n"),
    tail: () => "\n]}\n",
  },
  csv: {
    head: () => `\uFEFF${stringify([[...CSV_COLUMNS]], CSV_OPTIONS)}`,
    batch: (tasks) => stringify(tasks.map(toCells), CSV_OPTIONS),
    tail: () => "",
  },
};

function toCells(task: Task): string[] {
  return CSV_COLUMNS.map((column) => {
    const value = column === "tags" ? joinTags(task.tags) : task[column];
    return guardCsvCell(value === null ? "" : String(value));
  });
}
