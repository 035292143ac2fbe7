/**
 * docs/contract.md#export and #import: the file formats a person takes their tasks away in and
 * brings them back with, defined once for the api (which writes and reads them) and the browser.
 * Pure data and functions: no schema builder, no I/O (subpath `@ownlist/contract/transfer`).
 */

/** The JSON export's `format` member: a file without it is not an Ownlist export. */
export const EXPORT_FORMAT = "ownlist-tasks";
/** The JSON export's `version` member; an import refuses any other. */
export const EXPORT_VERSION = 1;

export const EXPORT_FORMATS = ["json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Media types of the two formats (the export's Content-Type, the import's body). */
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  json: "application/json",
  csv: "text/csv",
};

/** The CSV export's header row, in this order: every field of a task. */
export const CSV_COLUMNS = [
  "id",
  "user_id",
  "title",
  "description",
  "completed",
  "priority",
  "due_date",
  "tags",
  "created_at",
  "updated_at",
  "completed_at",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * Columns an import reads. `id` and `user_id` are known (an export has them) but ignored: an
 * imported task gets a new id and belongs to the importer. Any other column refuses the file.
 */
export const CSV_IMPORTED_COLUMNS = [
  "title",
  "description",
  "completed",
  "priority",
  "due_date",
  "tags",
  "created_at",
  "updated_at",
  "completed_at",
] as const satisfies readonly CsvColumn[];

/** Between two tags in a CSV cell. A `|` or `\` inside a tag is written `\|`, `\\`. */
export const CSV_TAG_SEPARATOR = "|";

/** `home`, `a|b` → `home|a\|b`. */
export function joinTags(tags: readonly string[]): string {
  return tags.map((tag) => tag.replace(/[\\|]/g, (c) => `\\${c}`)).join(CSV_TAG_SEPARATOR);
}

/** The reverse of joinTags: splits on unescaped `|`, unescapes, trims; "" is no tag at all. */
export function splitTags(cell: string): string[] {
  if (cell.trim() === "") return [];
  const tags: string[] = [];
  let current = "";
  for (let index = 0; index < cell.length; index++) {
    const char = cell[index]!;
    if (char === "\\" && index + 1 < cell.length) current += cell[++index];
    else if (char === CSV_TAG_SEPARATOR) {
      tags.push(current);
      current = "";
    } else current += char;
  }
  tags.push(current);
  return tags.map((tag) => tag.trim());
}

/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with one
 * of these as a formula. The export prefixes such a cell with `'`, which spreadsheets show as
 * text; so that the prefix can always be taken off again, a cell that already begins with `'`s
 * followed by one of these gets one more.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** `=1+1` → `'=1+1`; `'=x` → `''=x`; anything else unchanged. */
export function guardCsvCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The reverse of guardCsvCell: `'=1+1` → `=1+1`; a cell it would not have changed stays. */
export function unguardCsvCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** `ownlist-tasks-2026-12-07.csv`: the export's file name, dated in UTC. */
export function exportFileName(format: ExportFormat, at: Date): string {
  return `ownlist-tasks-${at.toISOString().slice(0, 10)}.${format}`;
}
