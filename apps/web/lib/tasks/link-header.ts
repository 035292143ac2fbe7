/** The URL of `rel="next"` in an RFC 8288 `Link` header, or null when there is none. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? "")?.[1] ?? "";
    if (rels.toLowerCase().split(/\s+/).includes("next")) return match[1] ?? null;
  }
  return null;
}

/** The `offset` parameter of a next-page URL (absolute or relative), when it has one. */
export function offsetOf(url: string): number | null {
  const value = new URL(url, "http://link.invalid").searchParams.get("offset");
  if (value === null || !/^\d+$/.test(value)) return null;
  return Number(value);
}
