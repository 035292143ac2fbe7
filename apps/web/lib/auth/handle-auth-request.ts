import { PROBLEM_TYPES } from "@ownlist/contract/problem-types";
import { problemResponse } from "../server/problem.ts";
import type { Auth } from "./create-auth.ts";

/** Seconds a client should wait before asking again while the database is away. */
const RETRY_AFTER_SECONDS = "5";

/**
 * Better Auth's handler at /api/auth/*, with its failures turned into a plain 503
 * (docs/contract.md#web-while-the-database-is-away). Better Auth throws when its rate limiter
 * cannot reach the database and answers a bare 500 when an endpoint's query fails; neither is
 * the client's mistake, and every query it runs is the database's, so both become "service
 * unavailable, try again" — never a stack or a driver's message.
 */
export async function handleAuthRequest(auth: Auth, request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await auth.handler(request);
  } catch (error) {
    console.error("auth route: Better Auth failed", error);
    return unavailable();
  }
  if (response.status < 500) return response;
  console.error(`auth route: Better Auth answered ${response.status}`);
  return unavailable();
}

function unavailable(): Response {
  return problemResponse(
    {
      status: 503,
      type: PROBLEM_TYPES.unavailable,
      title: "Service Unavailable",
      detail: "Sign-in is unavailable right now. Try again in a moment.",
    },
    // X-Retry-After too: it is what web's auth forms read (Better Auth's own limiter sends it).
    { "retry-after": RETRY_AFTER_SECONDS, "x-retry-after": RETRY_AFTER_SECONDS },
  );
}
