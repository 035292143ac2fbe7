/** Whether a raw request URL (path and query) lies under `/api`, the authenticated surface. */
export function isApiPath(url: string): boolean {
  return (
    url.startsWith("/api/") || url === "/api" || url.startsWith("/api?") || url.startsWith("/api#")
  );
}

/** The path of a raw request URL, without its query string (which may carry secrets). */
export function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
