import { TaskListQuery } from "@ownlist/contract";
import { pathOf } from "../../../plugins/app/api-path.ts";

const KNOWN_PARAMETERS = Object.keys(TaskListQuery.properties);

/**
 * `Link: <…>; rel="next"` as a path-relative URL (RFC 8288 resolves it against the request's
 * own URL), so that it is right behind any proxy without knowing the public host. The caller's
 * listing parameters are kept as sent (unknown ones dropped), `offset` replaced.
 */
export function nextPageLink(requestUrl: string, nextOffset: number): string {
  const query = requestUrl.indexOf("?");
  const given = new URLSearchParams(query === -1 ? "" : requestUrl.slice(query + 1));
  const params = new URLSearchParams();
  for (const [name, value] of given) {
    if (KNOWN_PARAMETERS.includes(name) && name !== "offset") params.append(name, value);
  }
  params.set("offset", String(nextOffset));
  return `<${pathOf(requestUrl)}?${params.toString()}>; rel="next"`;
}
