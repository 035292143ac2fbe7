/**
 * proxy.ts copies the path and query the browser asked for into this request header, so that a
 * server layout (which is not told its URL) can send a signed-out visitor to `/sign-in?next=…`.
 * The proxy always overwrites it: a value sent by a client never survives.
 */
export const REQUEST_PATH_HEADER = "x-ownlist-request-path";

/** Next's internal cache-busting query parameter: not part of where the person was going. */
const INTERNAL_PARAMS = ["_rsc"];

export function requestPathOf(url: URL): string {
  const search = new URLSearchParams(url.search);
  for (const name of INTERNAL_PARAMS) search.delete(name);
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}
