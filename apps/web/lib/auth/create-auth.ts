import type { Config } from "@ownlist/config";
import type { Database } from "@ownlist/db/client";
import { account, rateLimit, session, user, verification } from "@ownlist/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { APIError } from "better-auth/api";
import { deriveBetterAuthSecret } from "./better-auth-secret.ts";
import { NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./validation.ts";

export interface AuthDependencies {
  config: Config;
  db: Database;
}

/** Where Better Auth is mounted (app/api/auth/[...all]/route.ts). */
export const AUTH_BASE_PATH = "/api/auth";

/**
 * Better Auth for Ownlist: email + password on the shared PostgreSQL. A factory, so tests build
 * one on their own database; the app's instance comes from lib/server/runtime.ts.
 */
export function createAuth({ config, db }: AuthDependencies) {
  const signInAndUpLimit = {
    window: config.authRateLimit.windowSeconds,
    max: config.authRateLimit.max,
  };
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
    databaseHooks: {
      user: {
        create: { before: async (data) => ({ data: { ...data, name: checkName(data.name) } }) },
        update: {
          before: async (data) =>
            data.name === undefined ? { data } : { data: { ...data, name: checkName(data.name) } },
        },
      },
    },
    rateLimit: {
      // Better Auth enables its limiter in production only; Ownlist wants it everywhere.
      enabled: true,
      // In the database, so every web process shares one count (memory would be per process).
      storage: "database",
      customRules: {
        "/sign-in/*": signInAndUpLimit,
        "/sign-up/*": signInAndUpLimit,
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
