import { AUTH_BASE_PATH } from "./base-path.ts";

/**
 * The browser's side of Better Auth: plain `fetch` to /api/auth/* on web's own origin (the
 * session cookie is HTTP-only; this code never sees it). Expected failures come back as values.
 */

export type AuthResult =
  | { ok: true }
  | {
      ok: false;
      /** HTTP status, or 0 when web could not be reached. */
      status: number;
      /** Better Auth's stable error code (e.g. INVALID_EMAIL_OR_PASSWORD), when it sent one. */
      code: string | undefined;
      /** Better Auth's message (English, for developers; people see error-messages.ts). */
      message: string | undefined;
      /** Seconds to wait, on 429. */
      retryAfterSeconds: number | undefined;
    };

export interface SignInInput {
  email: string;
  password: string;
}

export interface SignUpInput extends SignInInput {
  name: string;
}

export function signInWithEmail(input: SignInInput): Promise<AuthResult> {
  return postToAuth("/sign-in/email", input);
}

export function signUpWithEmail(input: SignUpInput): Promise<AuthResult> {
  return postToAuth("/sign-up/email", input);
}

export function signOut(): Promise<AuthResult> {
  return postToAuth("/sign-out", {});
}

/** The account page's profile form: the name follows the sign-up rule (create-auth.ts). */
export function updateName(name: string): Promise<AuthResult> {
  return postToAuth("/update-user", { name });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** A new password ends every other session (docs/contract.md#account-page). */
export function changePassword(input: ChangePasswordInput): Promise<AuthResult> {
  return postToAuth("/change-password", { ...input, revokeOtherSessions: true });
}

/** Deletes the person and everything of theirs; the password is asked again. */
export function deleteAccount(password: string): Promise<AuthResult> {
  return postToAuth("/delete-user", { password });
}

async function postToAuth(path: string, body: object): Promise<AuthResult> {
  let response: Response;
  try {
    response = await fetch(`${AUTH_BASE_PATH}${path}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      code: undefined,
      message: undefined,
      retryAfterSeconds: undefined,
    };
  }
  if (response.ok) return { ok: true };
  const payload = (await response.json().catch(() => ({}))) as {
    code?: unknown;
    message?: unknown;
  };
  const retryAfter = Number(response.headers.get("x-retry-after") ?? "");
  return {
    ok: false,
    status: response.status,
    code: typeof payload.code === "string" ? payload.code : undefined,
    message: typeof payload.message === "string" ? payload.message : undefined,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}
