import type { WebConfig } from "@ownlist/config";
import type { Database } from "@ownlist/db/client";
import { account, rateLimit, session, user, verification } from "@ownlist/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { eq } from "drizzle-orm";
import { AUTH_BASE_PATH } from "./base-path.ts";
import { createDatabaseRateLimit } from "../server/database-rate-limit.ts";
import { deriveBetterAuthSecret } from "./better-auth-secret.ts";
import { isCommonPassword } from "./common-passwords.ts";
import { TOO_MANY_FAILED_PASSWORD_CHECKS, TOO_MANY_FAILED_SIGN_INS } from "./error-messages.ts";
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEMS,
  type PasswordProblem,
  passwordShapeProblem,
} from "./validation.ts";

export interface AuthDependencies {
  config: WebConfig;
  db: Database;
}

/**
 * Better Auth for Ownlist: email + password on the shared PostgreSQL. A factory, so tests build
 * one on their own database; the app's instance comes from lib/server/services.ts.
 */
export function createAuth({ config, db }: AuthDependencies) {
  const signInAndUpLimit = {
    window: config.authRateLimit.windowSeconds,
    max: config.authRateLimit.max,
  };
  // Per account, from any address (password spraying, credential stuffing through many
  // addresses); the per-address limit below stays as well.
  const signInAttempts = createDatabaseRateLimit(db, "sign-in", config.failedSignInLimit);
  // The account page's password checks (change password, delete account), per signed-in person:
  // a stolen session cookie must not become a password-guessing oracle
  // (docs/contract.md#account-page).
  const passwordChecks = createDatabaseRateLimit(db, "password-check", config.failedSignInLimit);
  return betterAuth({
    appName: "Ownlist",
    // A key of its own, never the API tokens' key: see better-auth-secret.ts.
    secret: deriveBetterAuthSecret(config.betterAuthSecret),
    // A fixed base URL: Better Auth never derives its own address from request headers.
    baseURL: config.webOrigin,
    basePath: AUTH_BASE_PATH,
    // Origin/CSRF checks stay on; only web's own origin may post to /api/auth/*.
    trustedOrigins: [config.webOrigin],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user, session, account, verification, rateLimit },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      autoSignIn: true,
    },
    session: {
      // Better Auth refuses /list-sessions once a session is older than `freshAge` (a day by
      // default), which would hide the account page's list from anyone signed in yesterday.
      // Nothing here leans on freshness instead of the password: changing the password and
      // deleting the account both ask for it (NEEDS_PASSWORD below). docs/decisions/034.
      freshAge: 0,
    },
    user: {
      deleteUser: {
        enabled: true,
        // One statement, so one transaction: the user row's delete cascades by foreign key to
        // sessions, accounts, tasks and idempotency keys (packages/db/src/schema). Better Auth's
        // own deletes that follow find nothing left. docs/contract.md#deleting-an-account
        beforeDelete: async (doomed) => {
          await db.delete(user).where(eq(user.id, doomed.id));
        },
      },
    },
    databaseHooks: {
      user: {
        create: { before: async (data) => ({ data: { ...data, name: checkName(data.name) } }) },
        update: {
          before: async (data) =>
            data.name === undefined ? { data } : { data: { ...data, name: checkName(data.name) } },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const newPassword = newPasswordOf(ctx.path, ctx.body);
        if (newPassword !== undefined) refuseWeakPassword(newPassword);
        if (PASSWORD_CHECK_PATHS.has(ctx.path)) {
          refuseWithoutPassword(ctx.path, ctx.body);
          const session = await getSessionFromCtx(ctx);
          if (session) {
            const verdict = await passwordChecks.count(session.user.id);
            if (!verdict.allowed) {
              const wait = String(verdict.retryAfterSeconds);
              throw new APIError(
                "TOO_MANY_REQUESTS",
                {
                  code: TOO_MANY_FAILED_PASSWORD_CHECKS,
                  message: "Too many wrong passwords for this account; try again later",
                },
                { "Retry-After": wait, "X-Retry-After": wait },
              );
            }
          }
        }
        if (ctx.path === SIGN_IN_PATH) {
          const email = accountKey(ctx.body);
          if (email === undefined) return;
          const verdict = await signInAttempts.count(email);
          if (!verdict.allowed) {
            const wait = String(verdict.retryAfterSeconds);
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                code: TOO_MANY_FAILED_SIGN_INS,
                message: "Too many failed sign-ins for this account; try again later",
              },
              // Retry-After for any client; X-Retry-After is what Better Auth's own limiter sends.
              { "Retry-After": wait, "X-Retry-After": wait },
            );
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (PASSWORD_CHECK_PATHS.has(ctx.path) && !(ctx.context.returned instanceof APIError)) {
          // A right password starts the person's count again; wrong ones keep it.
          const session = ctx.context.newSession ?? ctx.context.session;
          if (session) await passwordChecks.reset(session.user.id);
          return;
        }
        // Only a successful sign-in starts the account's count again; failures keep it.
        if (ctx.path !== SIGN_IN_PATH || !ctx.context.newSession) return;
        const email = accountKey(ctx.body);
        if (email !== undefined) await signInAttempts.reset(email);
      }),
    },
    rateLimit: {
      // Better Auth enables its limiter in production only; Ownlist wants it everywhere.
      enabled: true,
      // In the database, so every web process shares one count (memory would be per process).
      storage: "database",
      customRules: {
        "/sign-in/*": signInAndUpLimit,
        "/sign-up/*": signInAndUpLimit,
        // Both check the password: limited per address like sign-in, and per person above.
        "/change-password": signInAndUpLimit,
        "/delete-user": signInAndUpLimit,
      },
    },
    advanced: {
      // Better Auth turns its origin check off when NODE_ENV=test; Ownlist keeps it on everywhere,
      // so the tests exercise the same checks production runs.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      ipAddress: {
        // Web's server (apps/web/server.ts) overwrites X-Forwarded-For with the socket's peer,
        // or appends the peer when proxies are trusted: see docs/decisions/006.
        ipAddressHeaders: ["x-forwarded-for"],
        ...(config.trustedProxies.length > 0 ? { trustedProxies: config.trustedProxies } : {}),
      },
    },
    telemetry: { enabled: false },
    // Must stay last: lets server components and actions set Better Auth's cookies.
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Better Auth accepts any string as a name; Ownlist wants 1..100 characters, trimmed. */
function checkName(name: unknown): string {
  const trimmed = typeof name === "string" ? name.trim() : "";
  if (trimmed === "" || trimmed.length > NAME_MAX_LENGTH) {
    throw new APIError("BAD_REQUEST", {
      code: "INVALID_NAME",
      message: `Name must be 1 to ${NAME_MAX_LENGTH} characters`,
    });
  }
  return trimmed;
}

const SIGN_IN_PATH = "/sign-in/email";

/** The account page's endpoints that check the current password (docs/contract.md#account-page). */
const PASSWORD_CHECK_PATHS = new Set(["/change-password", "/delete-user"]);

/**
 * Better Auth lets /delete-user go without a password on a fresh session, and /change-password
 * keep the other sessions; Ownlist asks for the password to delete and ends every other session
 * on a new password (docs/contract.md#account-page).
 */
function refuseWithoutPassword(path: string, body: unknown): void {
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (path === "/delete-user" && (typeof fields.password !== "string" || fields.password === "")) {
    throw new APIError("BAD_REQUEST", {
      code: "PASSWORD_REQUIRED",
      message: "Deleting the account needs the password",
    });
  }
  if (path === "/change-password" && fields.revokeOtherSessions !== true) {
    throw new APIError("BAD_REQUEST", {
      code: "REVOKE_OTHER_SESSIONS_REQUIRED",
      message: "A new password ends every other session: send revokeOtherSessions: true",
    });
  }
}

/** The endpoints that set a new password, and the body field carrying it. */
const NEW_PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
};

function newPasswordOf(path: string, body: unknown): string | undefined {
  const field = NEW_PASSWORD_FIELDS[path];
  if (field === undefined || typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === "string" ? value : undefined;
}

/**
 * Whitespace only, one repeated character, or on the common-password list: 400 with a code the
 * form turns into words (error-messages.ts). Length stays Better Auth's own check.
 */
function refuseWeakPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return;
  const problem: PasswordProblem | undefined =
    passwordShapeProblem(password) ??
    (isCommonPassword(password) ? "PASSWORD_TOO_COMMON" : undefined);
  if (problem) {
    throw new APIError("BAD_REQUEST", { code: problem, message: PASSWORD_PROBLEMS[problem] });
  }
}

/** The account a sign-in is for: its email as Better Auth stores it (trimmed, lower case). */
function accountKey(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const email = (body as Record<string, unknown>).email;
  return typeof email === "string" && email.trim() !== "" ? email.trim().toLowerCase() : undefined;
}
