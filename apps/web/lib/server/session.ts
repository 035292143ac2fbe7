import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { CurrentUser } from "../../components/session/current-user.tsx";
import { REQUEST_PATH_HEADER } from "../request-path.ts";
import { getAuth } from "./services.ts";

/**
 * The signed-in person for this request, or null. Better Auth validates the session cookie
 * against the database; React's cache makes it one lookup per render however many callers ask.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // headers() first: it marks the page dynamic before anything reads configuration.
  const requestHeaders = await headers();
  const result = await getAuth().api.getSession({ headers: requestHeaders });
  if (!result) return null;
  const { id, name, email } = result.user;
  return { id, name, email };
});

/** The path and query the browser asked for (set by proxy.ts), for `?next=` redirects. */
export async function getRequestPath(): Promise<string | null> {
  return (await headers()).get(REQUEST_PATH_HEADER);
}
