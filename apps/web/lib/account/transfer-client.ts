import { apiFetch } from "../api-client/api-fetch.ts";
import { type ApiProblemError, fieldName, problemFromResponse } from "../tasks/problem.ts";

/**
 * The account page's export and import, through `apiFetch` with the browser's API token
 * (docs/contract.md#export-and-import). Runs in the browser.
 */

export type TransferFormat = "json" | "csv";

const MEDIA_TYPES: Record<TransferFormat, string> = {
  json: "application/json",
  csv: "text/csv",
};

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** `GET /api/{user_id}/export`: the whole file, named as the server named it. */
export async function exportTasks(userId: string, format: TransferFormat): Promise<DownloadedFile> {
  const response = await apiFetch(`/api/${encodeURIComponent(userId)}/export?format=${format}`, {
    headers: { accept: MEDIA_TYPES[format] },
  });
  if (!response.ok) throw await problemFromResponse(response);
  const blob = await response.blob();
  const fileName =
    fileNameFromDisposition(response.headers.get("content-disposition")) ??
    `ownlist-tasks-${new Date().toISOString().slice(0, 10)}.${format}`;
  return { blob, fileName };
}

/**
 * The `filename` of a Content-Disposition header (RFC 6266), reduced to a plain name: the
 * browser saves it, so no path separators or control characters survive.
 */
export function fileNameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(header);
  let name: string | undefined;
  try {
    name = extended ? decodeURIComponent(extended) : (plain?.[1] ?? plain?.[2]);
  } catch {
    name = plain?.[1] ?? plain?.[2];
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const safe = name?.replace(/[/\\\u0000-\u001f\u007f]/g, "").trim();
  return safe ? safe : undefined;
}

/** Saves a downloaded file the way a link with `download` would. */
export function saveFile({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file to the browser's download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A row of the file the api would refuse: where it is ("Line 3", "Task 2"), and why. */
export interface RefusedRow {
  where: string;
  reason: string;
}

export interface ImportReport {
  /** Tasks added (or, on a dry run, that would be). */
  count: number;
  refused: RefusedRow[];
}

/** What an import answered: a report, or a refusal in words (the file, a duplicate, a limit). */
export type ImportOutcome =
  | { kind: "report"; report: ImportReport }
  | { kind: "refused"; report: ImportReport | undefined; message: string; duplicate: boolean };

/** The media type of a chosen file, from its type or else its name. */
export function importMediaType(file: Pick<File, "name" | "type">): string | undefined {
  const name = file.name.toLowerCase();
  if (file.type === "application/json" || name.endsWith(".json")) return "application/json";
  if (file.type === "text/csv" || name.endsWith(".csv")) return "text/csv";
  return undefined;
}

/** `POST /api/{user_id}/import[?dry_run=true]` with the file as its body. */
export async function importTasks(
  userId: string,
  file: File,
  options: { dryRun: boolean },
): Promise<ImportOutcome> {
  const mediaType = importMediaType(file);
  if (!mediaType) {
    return {
      kind: "refused",
      report: undefined,
      message: "Choose a .json or .csv file exported from Ownlist (or a CSV with a title column).",
      duplicate: false,
    };
  }
  const query = options.dryRun ? "?dry_run=true" : "";
  const response = await apiFetch(`/api/${encodeURIComponent(userId)}/import${query}`, {
    method: "POST",
    headers: { "content-type": mediaType },
    body: await file.arrayBuffer(),
  });
  if (response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    return { kind: "report", report: readImportReport(body) ?? { count: 0, refused: [] } };
  }
  const error = await problemFromResponse(response);
  return {
    kind: "refused",
    report: readImportReport(error.problem),
    message: describeImportProblem(error),
    duplicate: response.status === 409,
  };
}

/**
 * Reads the api's import answer into the page's terms: the summary (`added`, `refused`) or the
 * 422 problem's `rows`, each row a CSV `line` or a JSON `index` with its field errors
 * (docs/contract.md, the api's import).
 */
export function readImportReport(body: unknown): ImportReport | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  const rows = Array.isArray(fields.refused)
    ? fields.refused
    : Array.isArray(fields.rows)
      ? fields.rows
      : [];
  const refused = rows.flatMap((row: unknown): RefusedRow[] => {
    if (typeof row !== "object" || row === null) return [];
    const { line, index, errors } = row as Record<string, unknown>;
    const where =
      typeof line === "number"
        ? `Line ${line}`
        : typeof index === "number"
          ? `Task ${index + 1}`
          : "A row";
    const reasons = Array.isArray(errors)
      ? errors.flatMap((error: unknown) => {
          if (typeof error !== "object" || error === null) return [];
          const { field, message } = error as Record<string, unknown>;
          if (typeof message !== "string") return [];
          const name = typeof field === "string" ? fieldName(field) : "";
          return [name ? `${name}: ${message}` : message];
        })
      : [];
    return [{ where, reason: reasons.join("; ") || "this row breaks the task rules" }];
  });
  if (typeof fields.added !== "number" && refused.length === 0) return undefined;
  return { count: typeof fields.added === "number" ? fields.added : 0, refused };
}

function describeImportProblem(error: ApiProblemError): string {
  switch (error.status) {
    case 409:
      return "This file has been imported already: its tasks are in your list. Nothing was added again.";
    case 413:
      return "This file is too large to import. Split it into smaller files.";
    case 415:
      return "This is not a file Ownlist can import. Choose a JSON or CSV export.";
    case 429:
      return "Too many requests. Wait a moment and try again.";
    default:
      if (error.status >= 500) return "The server is having trouble. Try again in a moment.";
      return error.problem.detail ?? error.problem.title;
  }
}
