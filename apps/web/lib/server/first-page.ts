import "server-only";
import type { CurrentUser } from "../../components/session/current-user.tsx";
import { localToday } from "../tasks/dates.ts";
import type { FirstPage } from "../tasks/first-page.ts";
import { parseTaskQuery, serializeTaskQuery } from "../tasks/query.ts";
import { type ApiFetch, createTasksClient, LIST_PAGE_SIZE } from "../tasks/tasks-client.ts";
import { issueApiToken } from "../token/handle-token-request.ts";
import { getConfig } from "./config.ts";
import { getTokenRateLimit, getTokenSettings } from "./services.ts";

/**
 * How long the page waits for the api before it gives up and lets the browser load the list as
 * before (docs/contract.md#first-page-on-the-server). Short: past it the page is only slower
 * than the skeleton it replaces.
 */
export const FIRST_PAGE_DEADLINE_MS = 1_000;

type SearchParams = Record<string, string | string[] | undefined>;

function toUrlSearchParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      params.append(key, one);
    }
  }
  return params;
}

/**
 * Reads the first page of `user`'s tasks from the api, server to server, as the browser would:
 * a token minted for this session's person (the same minting and limit as `GET /api/token`), the
 * same client, the same query. The api stays the only reader of tasks. Any failure — the token
 * limit, the database, the api refusing, unreachable or slower than the deadline — gives null,
 * and the page renders as before, the browser loading the list itself.
 */
export async function loadFirstPage(
  user: CurrentUser,
  searchParams: SearchParams,
): Promise<FirstPage | null> {
  const query = parseTaskQuery(toUrlSearchParams(searchParams));
  try {
    const issued = await issueApiToken(
      {
        tokenSettings: getTokenSettings(),
        countTokenRequest: (userId) => getTokenRateLimit().count(userId),
      },
      user,
    );
    if (!issued.ok) return null;
    const { token, expiresAt } = issued;
    const deadline = AbortSignal.timeout(FIRST_PAGE_DEADLINE_MS);
    const { apiUrl } = getConfig();
    const serverFetch: ApiFetch = (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(`${apiUrl}${path}`, {
        ...init,
        headers,
        // Never Next's data cache: the answer is one person's, read with their token.
        cache: "no-store",
        signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline,
      });
    };
    const client = createTasksClient(serverFetch, user.id);
    const [page, counts] = await Promise.all([
      client.list(query, { limit: LIST_PAGE_SIZE, offset: 0 }),
      client.counts(),
    ]);
    return {
      queryKey: serializeTaskQuery(query),
      page,
      counts,
      token: { token, lifetimeMs: Math.max(0, expiresAt.getTime() - Date.now()) },
      today: localToday(),
    };
  } catch (error) {
    // The browser loads the list as it always did, with its own error state and Try again.
    console.warn(
      `task page: first page not rendered on the server (${error instanceof Error ? error.message : String(error)})`,
    );
    return null;
  }
}
