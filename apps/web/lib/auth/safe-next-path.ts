/** Where signed-in people go when nothing else was asked for. */
export const DEFAULT_AFTER_SIGN_IN = "/tasks";

// Going "back" to these after signing in would loop: a signed-in visitor is sent on from them.
const AUTH_PAGES = new Set(["/sign-in", "/sign-up"]);

// Any host is fine: only whether the origin survives the parse matters.
const PROBE_ORIGIN = "https://ownlist.invalid";

/**
 * The `next` query parameter, made safe to redirect to: a same-origin path (with its query and
 * fragment) or the default. Rejects absolute URLs, protocol-relative `//host`, backslash tricks
 * (`/\host`, which browsers read as `//host`), control characters and anything that would leave
 * the site once resolved — and the sign-in and sign-up pages themselves.
 */
export function safeNextPath(value: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string" || value === "" || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (value.includes("\\") || hasControlCharacter(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  if (AUTH_PAGES.has(url.pathname.replace(/\/+$/, ""))) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}

/** `/sign-in?next=…` for a path someone was trying to reach. */
export function signInPathFor(nextPath: string | null | undefined): string {
  const next = safeNextPath(nextPath, "");
  return next && next !== DEFAULT_AFTER_SIGN_IN
    ? `/sign-in?next=${encodeURIComponent(next)}`
    : "/sign-in";
}
