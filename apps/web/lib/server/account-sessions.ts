import "server-only";
import type { AccountSession } from "../account/account-session.ts";
import { describeDevice } from "../account/describe-device.ts";
import { getAuth } from "./services.ts";

/** Every active session of the signed-in person, the current one first, then most recent. */
export async function listAccountSessions(headers: Headers): Promise<AccountSession[]> {
  const auth = getAuth();
  const [current, sessions] = await Promise.all([
    auth.api.getSession({ headers }),
    auth.api.listSessions({ headers }),
  ]);
  if (!current) return [];
  return sessions
    .map((session) => ({
      id: session.id,
      device: describeDevice(session.userAgent),
      address: session.ipAddress ?? null,
      startedAt: new Date(session.createdAt).toISOString(),
      lastUsedAt: new Date(session.updatedAt).toISOString(),
      current: session.id === current.session.id,
    }))
    .sort(
      (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
    );
}

/**
 * Ends one of the person's other sessions through Better Auth's `revokeSession`, found by id
 * among their own (a session id of someone else's matches none of them). False when there was
 * no such other session.
 */
export async function revokeAccountSession(headers: Headers, sessionId: string): Promise<boolean> {
  const auth = getAuth();
  const [current, sessions] = await Promise.all([
    auth.api.getSession({ headers }),
    auth.api.listSessions({ headers }),
  ]);
  const target = sessions.find((session) => session.id === sessionId);
  if (!current || !target || target.id === current.session.id) return false;
  await auth.api.revokeSession({ headers, body: { token: target.token } });
  return true;
}

/** Ends every session of the person but this one (Better Auth's `revokeOtherSessions`). */
export async function revokeOtherAccountSessions(headers: Headers): Promise<void> {
  await getAuth().api.revokeOtherSessions({ headers });
}
