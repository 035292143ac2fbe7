import {
  CSV_COLUMNS,
  CSV_IMPORTED_COLUMNS,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ImportedTask,
  type ProblemFieldError,
  type RefusedRow,
  splitTags,
  TASK_DEFAULTS,
  unguardCsvCell,
} from "@ownlist/contract";
import { CsvError, parse } from "csv-parse/sync";
import type { ImportRow } from "../../../plugins/app/tasks/transfer-repository.ts";
import { invalidFile } from "../../../plugins/app/problems/problem-error.ts";

/** Checks one task as a create's body is checked: its value normalized, or its bad fields. */
export type TaskCheck = (
  candidate: unknown,
) => { value: ImportedTask } | { errors: ProblemFieldError[] };

export interface ReadFile {
  /** Every row that passes, in file order. */
  rows: ImportRow[];
  /** Every row that does not, with where it is. */
  refused: RefusedRow[];
}

/** The file's rows past this many: the file is refused whole (the person could never own them). */
export interface ReadLimits {
  maxRows: number;
}

/** The file holds more tasks than anyone may own: `more than N`. */
export class TooManyRows extends Error {
  constructor(readonly maxRows: number) {
    super(`more than ${maxRows} rows`);
  }
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * docs/contract.md#import: reads an import's file (its bytes, as uploaded) into checked rows.
 * Throws a 422 `invalid-file` naming what makes it unreadable (not UTF-8, not JSON or CSV, not an
 * Ownlist export of version 1, no `title` column, an unknown column, no task at all), or
 * TooManyRows. Rows are checked one by one with the task rules; a bad row is listed, not thrown.
 */
export function readImportFile(
  bytes: Buffer,
  kind: "json" | "csv",
  check: TaskCheck,
  { maxRows }: ReadLimits,
): ReadFile {
  if (bytes.length === 0) throw invalidFile("The file is empty.", "empty_file");
  let text: string;
  try {
    // A byte-order mark, if any, is dropped here.
    text = UTF8.decode(bytes);
  } catch {
    throw invalidFile("The file is not UTF-8 text: save it as UTF-8 and try again.", "not_utf8");
  }
  const candidates = kind === "json" ? jsonTasks(text, maxRows) : csvTasks(text, maxRows);
  if (candidates.length === 0) throw invalidFile("The file holds no tasks.", "no_tasks");

  const rows: ImportRow[] = [];
  const refused: RefusedRow[] = [];
  for (const { where, candidate, errors: readErrors } of candidates) {
    const checked = check(candidate);
    const errors = [...readErrors, ...("errors" in checked ? checked.errors : [])];
    if (errors.length > 0 || "errors" in checked) refused.push({ ...where, errors });
    else rows.push(toImportRow(checked.value));
  }
  return { rows, refused };
}

interface Candidate {
  where: { line: number } | { index: number };
  candidate: unknown;
  /** Cells that could not even be read as their type's text (CSV). */
  errors: ProblemFieldError[];
}

function jsonTasks(text: string, maxRows: number): Candidate[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw invalidFile("The file is not valid JSON.", "not_json");
  }
  if (
    document === null ||
    typeof document !== "object" ||
    Array.isArray(document) ||
    (document as { format?: unknown }).format !== EXPORT_FORMAT
  ) {
    throw invalidFile(
      `The file is not an Ownlist export: its "format" must be "${EXPORT_FORMAT}".`,
      "wrong_format",
    );
  }
  const { version, tasks } = document as { version?: unknown; tasks?: unknown };
  if (version !== EXPORT_VERSION) {
    throw invalidFile(
      `The file's version is ${JSON.stringify(version) ?? "missing"}; this version of Ownlist reads version ${EXPORT_VERSION}.`,
      "wrong_version",
    );
  }
  if (!Array.isArray(tasks)) {
    throw invalidFile('The file\'s "tasks" must be an array of tasks.', "wrong_format");
  }
  if (tasks.length > maxRows) throw new TooManyRows(maxRows);
  return tasks.map((candidate: unknown, index) => ({ where: { index }, candidate, errors: [] }));
}

const KNOWN_COLUMNS = new Set<string>(CSV_COLUMNS);
const IMPORTED_COLUMNS = new Set<string>(CSV_IMPORTED_COLUMNS);

const LF = 0x0a;
const CR = 0x0d;

function csvTasks(text: string, maxRows: number): Candidate[] {
  // Parsed as bytes: csv-parse reports where each record ends as a byte offset.
  const input = Buffer.from(text);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(input, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // The header and one row more than may ever be imported: enough to know it is too many.
      to: maxRows + 2,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      throw invalidFile(`The file is not valid CSV: ${error.message}`, "not_csv");
    }
    throw error;
  }
  const [header, ...body] = records;
  if (header === undefined) throw invalidFile("The file holds no tasks.", "no_tasks");
  if (body.length > maxRows) throw new TooManyRows(maxRows);
  const columns = header.record.map((name) => name.trim().toLowerCase());
  if (!columns.includes("title")) {
    throw invalidFile(
      `The file's header has no "title" column (it names: ${columns.join(", ")}).`,
      "no_title_column",
    );
  }
  const unknown = columns.filter((name) => !KNOWN_COLUMNS.has(name));
  if (unknown.length > 0) {
    throw invalidFile(
      `The file's header names columns Ownlist does not know: ${unknown.map((name) => JSON.stringify(name)).join(", ")}. Known columns: ${CSV_COLUMNS.join(", ")}.`,
      "unknown_column",
    );
  }
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw invalidFile(
      `The file's header names a column twice: ${[...new Set(repeated)].join(", ")}.`,
      "repeated_column",
    );
  }
  const lines = lineCounter(input);
  let end = header.info.bytes;
  return body.map(({ record, info }) => {
    // The line the record starts on: past the previous record's end and any empty lines.
    let start = end;
    while (input[start] === LF || input[start] === CR) start++;
    end = info.bytes;
    const line = lines(start);
    if (record.length !== columns.length) {
      return {
        where: { line },
        candidate: undefined,
        errors: [
          {
            field: "row",
            message: `has ${record.length} cells; the header has ${columns.length}`,
          },
        ],
      };
    }
    return { where: { line }, ...fromCells(columns, record) };
  });
}

/**
 * The 1-based line of a byte offset, for offsets asked in increasing order. CRLF, LF and a lone
 * CR each end a line, as RFC 4180 readers count them.
 */
function lineCounter(input: Buffer): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    for (; at < offset; at++) {
      if (input[at] === LF || (input[at] === CR && input[at + 1] !== LF)) line++;
    }
    return line;
  };
}

/** A CSV row's cells as a task, each column read back from its text as the export writes it. */
function fromCells(
  columns: string[],
  cells: string[],
): { candidate: Record<string, unknown>; errors: ProblemFieldError[] } {
  const candidate: Record<string, unknown> = {};
  const errors: ProblemFieldError[] = [];
  columns.forEach((name, index) => {
    if (!IMPORTED_COLUMNS.has(name)) return;
    const cell = unguardCsvCell(cells[index] ?? "");
    switch (name) {
      case "title":
        candidate.title = cell;
        break;
      case "description":
        // CSV has no null: an empty cell is no description.
        candidate.description = cell === "" ? null : cell;
        break;
      case "completed": {
        const word = cell.trim().toLowerCase();
        if (word === "true" || word === "false") candidate.completed = word === "true";
        else if (word !== "") errors.push({ field: "completed", message: "must be true or false" });
        break;
      }
      case "tags":
        candidate.tags = splitTags(cell);
        break;
      default:
        // priority, due_date and the times: their text as it is; empty is none.
        if (cell.trim() !== "") candidate[name] = cell.trim();
        else if (name !== "priority") candidate[name] = null;
    }
  });
  return { candidate, errors };
}

function toImportRow(task: ImportedTask): ImportRow {
  const completed = task.completed ?? TASK_DEFAULTS.completed;
  return {
    title: task.title,
    description: task.description ?? TASK_DEFAULTS.description,
    completed,
    priority: task.priority ?? TASK_DEFAULTS.priority,
    due_date: task.due_date ?? TASK_DEFAULTS.due_date,
    tags: task.tags ?? [],
    created_at: task.created_at ?? null,
    updated_at: task.updated_at ?? null,
    completed_at: completed ? (task.completed_at ?? null) : null,
  };
}
