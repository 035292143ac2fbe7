import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { CurrentUser } from "../../components/session/current-user.tsx";
import { REQUEST_PATH_HEADER } from "../request-path.ts";
import { markDatabaseUnavailable } from "./page-outage.ts";
import { getAuth } from "./services.ts";

/**
 * The signed-in person for this request, or null. Better Auth validates the session cookie
 * against the database; React's cache makes it one lookup per render however many callers ask.
 * When that lookup fails, the database is away (every query Better Auth runs is the database's,
 * as in lib/auth/handle-auth-request.ts): the page fails with app/error.tsx, answered 503
 * (page-outage.ts).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // headers() first: it marks the page dynamic before anything reads configuration.
  const requestHeaders = await headers();
  let result: Awaited<ReturnType<ReturnType<typeof getAuth>["api"]["getSession"]>>;
  try {
    result = await getAuth().api.getSession({ headers: requestHeaders });
  } catch (error) {
    markDatabaseUnavailable();
    throw error;
  }
  if (!result) return null;
  const { id, name, email } = result.user;
  return { id, name, email };
});

/** The path and query the browser asked for (set by proxy.ts), for `?next=` redirects. */
export async function getRequestPath(): Promise<string | null> {
  return (await headers()).get(REQUEST_PATH_HEADER);
}
