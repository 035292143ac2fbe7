"use server";

import { headers } from "next/headers";
import { revokeAccountSession, revokeOtherAccountSessions } from "@/lib/server/account-sessions.ts";

/** What a session action answers the page: done, or a sentence to show. */
export type SessionActionResult = { ok: true } | { ok: false; message: string };

const UNAVAILABLE = "Ownlist could not end that session right now. Try again in a moment.";

/**
 * "Sign out" on one of the person's other sessions. A server action, so the session's token
 * never reaches the browser (docs/decisions/034); Next.js checks the Origin of every action.
 */
export async function signOutSession(sessionId: string): Promise<SessionActionResult> {
  if (typeof sessionId !== "string" || sessionId === "") {
    return { ok: false, message: "That session is not one of yours." };
  }
  try {
    const revoked = await revokeAccountSession(await headers(), sessionId);
    return revoked
      ? { ok: true }
      : { ok: false, message: "That session has already ended or is not one of yours." };
  } catch (error) {
    console.error("account: revoking a session failed", error);
    return { ok: false, message: UNAVAILABLE };
  }
}

/** "Sign out everywhere else". */
export async function signOutEverywhereElse(): Promise<SessionActionResult> {
  try {
    await revokeOtherAccountSessions(await headers());
    return { ok: true };
  } catch (error) {
    console.error("account: revoking the other sessions failed", error);
    return { ok: false, message: UNAVAILABLE };
  }
}
