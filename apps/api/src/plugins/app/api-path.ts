import { posix } from "node:path";

/**
 * Whether a raw request target names a path under `/api`, the authenticated surface, however it
 * is spelled: percent-encoded (`/%61pi/…`), absolute-form (`http://host/api/…`), with duplicate
 * slashes or dot segments (`//api/…`, `/x/../api/…`), backslashes, `;` parameters or in another
 * case (`/API/…`). The router matches some of these spellings and a proxy may turn others into
 * `/api/…`; a false "yes" only costs an unneeded 401, a false "no" could open a route, so this
 * errs on the side of "yes" (decision 023). The canonical spelling, the hot path, is decided by
 * one `startsWith`.
 */
export function isApiPath(url: string): boolean {
  if (url.startsWith("/api/") || url === "/api") return true;
  const path = normalisedPath(url);
  return path === "/api" || path.startsWith("/api/");
}

const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;
const PERCENT_ESCAPE = /%([\da-f]{2})/gi;

/**
 * The path of a request target as the most lenient reader would take it: scheme and authority,
 * query and fragment dropped; percent-escapes decoded until none is left (byte by byte, so an
 * escape that is not UTF-8 cannot make it throw); `\` read as `/`; `;` parameters dropped; lower
 * case; duplicate slashes and dot segments resolved. For deciding, never for routing.
 */
export function normalisedPath(url: string): string {
  let path = url.replace(ABSOLUTE_FORM, "");
  const end = path.search(/[?#]/);
  if (end !== -1) path = path.slice(0, end);
  // Each pass removes at least two characters, so this ends.
  for (let decoded = decodeEscapes(path); decoded !== path; decoded = decodeEscapes(path)) {
    path = decoded;
  }
  path = path
    .replace(/\\/g, "/")
    .replace(/;[^/]*/g, "")
    .toLowerCase();
  return posix.normalize(`/${path}`);
}

function decodeEscapes(path: string): string {
  return path.replace(PERCENT_ESCAPE, (_escape, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** The path of a raw request URL, without its query string (which may carry secrets). */
export function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
