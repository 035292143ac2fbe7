import { isAddressOrRange } from "./trusted-proxies.ts";

/**
 * docs/contract.md#configuration: every setting Ownlist reads from the environment, parsed once
 * into a typed object. A bad value throws a ConfigError whose message is one line naming the
 * variable.
 */
export interface Config {
  nodeEnv: "development" | "production" | "test";
  /** Signs Better Auth sessions (web) and API tokens (web → api). At least 32 characters. */
  betterAuthSecret: string;
  /** Unset means "start an embedded PostgreSQL" (only the start script acts on that). */
  databaseUrl: string | undefined;
  /**
   * The api's own login (least privilege: it may act as `ownlist_api` only; ADR 024). Unset: the
   * api logs in with `databaseUrl` and warns; `npm start` sets it for the embedded database.
   */
  apiDatabaseUrl: string | undefined;
  jwt: {
    /** Lifetime of API tokens in seconds. Default 900. */
    ttlSeconds: number;
    /** `iss` claim. Default `ownlist-web`. */
    issuer: string;
    /** `aud` claim. Default `ownlist-api`. */
    audience: string;
    /** Leeway for `exp`/`nbf`/`iat`. Default 30. */
    clockSkewSeconds: number;
    /** Old secrets still accepted while a rotation is under way. Default none. */
    previousSecrets: string[];
  };
  /** The only origin the api's CORS allows, and the origin Better Auth trusts. */
  webOrigin: string;
  /** Where web and the browser reach the api. */
  apiUrl: string;
  /** Web's listening port. */
  port: number;
  /** The api's listening port. */
  apiPort: number;
  /** Interface both servers bind to. Default `localhost`; `0.0.0.0` in a container. */
  host: string;
  /**
   * Better Auth's limiter on sign-in and sign-up, per client address and per endpoint:
   * at most `max` requests per `windowSeconds`. Defaults 5 per 60 s.
   */
  authRateLimit: { windowSeconds: number; max: number };
  /**
   * Sign-in attempts one account (normalised email) may make per window, from any address,
   * counted in the database; a successful sign-in starts the count again. Defaults 10 per 900 s.
   */
  failedSignInLimit: { windowSeconds: number; max: number };
  /** `GET /api/token` requests one user may make per window, counted in the database. Defaults 60 per 60 s. */
  tokenRateLimit: { windowSeconds: number; max: number };
  /**
   * Reverse proxies (IPs or CIDR ranges) in front of web whose X-Forwarded-For entries are
   * believed. Default none: the client is the socket's peer address.
   */
  trustedProxies: string[];
  /**
   * The api's bounded FIFO of work: at most `maxInFlight` requests worked on at once (default
   * 64), at most `maxQueue` waiting (default 4096); past that, 503 with Retry-After.
   */
  apiOverload: { maxInFlight: number; maxQueue: number };
  /** The api's `listen()` backlog (kernel accept queue). Default 4096. */
  apiListenBacklog: number;
  /** `node:cluster` workers of the api sharing its port. Default 1 (no cluster). */
  apiWorkers: number;
  /** The api's own limits (docs/operations.md). */
  apiLimits: ApiLimits;
}

export interface ApiLimits {
  /** Length of both rate-limit windows. Default 60. */
  rateLimitWindowSeconds: number;
  /** Requests one user (token subject) may make per window. Default 10,000; 0 turns it off. */
  rateLimitMax: number;
  /** 401 answers one client address may get per window before it gets 429. Default 100; 0 = off. */
  rejectedRateLimitMax: number;
  /** Tasks one user may own. Default 10,000. */
  maxTasksPerUser: number;
  /** A client must finish sending its headers within this. Default 10. */
  headersTimeoutSeconds: number;
  /** A client must finish sending its whole request within this. Default 30. */
  requestTimeoutSeconds: number;
  /** An idle socket is closed after this, before its first request and between requests. Default 72. */
  connectionTimeoutSeconds: number;
  /** PostgreSQL's `statement_timeout` on the api's connections, in ms. Default 5,000. */
  databaseStatementTimeoutMs: number;
  /** `idle_in_transaction_session_timeout` on the api's connections, in ms. Default 10,000. */
  databaseIdleInTransactionTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

const MIN_SECRET_LENGTH = 32;
const MIN_DATABASE_TIMEOUT_MS = 100;

export function parseConfig(env: Env): Config {
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const jwt = {
    ttlSeconds: parseInteger(env, "JWT_TTL_SECONDS", 900, 1, 86_400),
    issuer: parseNonEmpty(env, "JWT_ISSUER", "ownlist-web"),
    audience: parseNonEmpty(env, "JWT_AUDIENCE", "ownlist-api"),
    clockSkewSeconds: parseInteger(env, "JWT_CLOCK_SKEW_SECONDS", 30, 0, 300),
    previousSecrets: parseSecretList(env.JWT_PREVIOUS_SECRETS),
  };
  return {
    nodeEnv,
    betterAuthSecret: parseSecret(env.BETTER_AUTH_SECRET),
    databaseUrl: parseDatabaseUrl(env, "DATABASE_URL"),
    apiDatabaseUrl: parseDatabaseUrl(env, "API_DATABASE_URL"),
    jwt,
    webOrigin: parseOrigin(env, "WEB_ORIGIN", "http://localhost:3000"),
    apiUrl: parseUrl(env, "API_URL", "http://localhost:8000").replace(/\/+$/, ""),
    port: parseInteger(env, "PORT", 3000, 1, 65_535),
    apiPort: parseInteger(env, "API_PORT", 8000, 1, 65_535),
    host: parseNonEmpty(env, "HOST", "localhost"),
    authRateLimit: {
      windowSeconds: parseInteger(env, "AUTH_RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400),
      max: parseInteger(env, "AUTH_RATE_LIMIT_MAX", 5, 1, 1_000_000),
    },
    failedSignInLimit: {
      windowSeconds: parseInteger(env, "AUTH_FAILED_SIGN_IN_WINDOW_SECONDS", 900, 1, 86_400),
      max: parseInteger(env, "AUTH_FAILED_SIGN_IN_MAX", 10, 1, 1_000_000),
    },
    tokenRateLimit: {
      windowSeconds: parseInteger(env, "TOKEN_RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400),
      max: parseInteger(env, "TOKEN_RATE_LIMIT_MAX", 60, 1, 1_000_000),
    },
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
    apiOverload: {
      maxInFlight: parseInteger(env, "API_MAX_IN_FLIGHT", 64, 1, 100_000),
      maxQueue: parseInteger(env, "API_MAX_QUEUE", 4096, 0, 1_000_000),
    },
    apiListenBacklog: parseInteger(env, "API_LISTEN_BACKLOG", 4096, 1, 65_535),
    apiWorkers: parseInteger(env, "API_WORKERS", 1, 1, 256),
    apiLimits: parseApiLimits(env),
  };
}

function parseApiLimits(env: Env): ApiLimits {
  const headersTimeoutSeconds = parseInteger(env, "API_HEADERS_TIMEOUT_SECONDS", 10, 1, 3_600);
  const requestTimeoutSeconds = parseInteger(env, "API_REQUEST_TIMEOUT_SECONDS", 30, 1, 3_600);
  // Node caps headersTimeout at requestTimeout; a larger value would silently mean nothing.
  if (requestTimeoutSeconds < headersTimeoutSeconds) {
    throw new ConfigError(
      "API_REQUEST_TIMEOUT_SECONDS",
      `must be at least API_HEADERS_TIMEOUT_SECONDS (${headersTimeoutSeconds}), got ${requestTimeoutSeconds}`,
    );
  }
  return {
    rateLimitWindowSeconds: parseInteger(env, "API_RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400),
    rateLimitMax: parseInteger(env, "API_RATE_LIMIT_MAX", 10_000, 0, 100_000_000),
    rejectedRateLimitMax: parseInteger(env, "API_REJECTED_RATE_LIMIT_MAX", 100, 0, 100_000_000),
    maxTasksPerUser: parseInteger(env, "API_MAX_TASKS_PER_USER", 10_000, 1, 10_000_000),
    headersTimeoutSeconds,
    requestTimeoutSeconds,
    connectionTimeoutSeconds: parseInteger(env, "API_CONNECTION_TIMEOUT_SECONDS", 72, 1, 3_600),
    // Never 0, which would turn PostgreSQL's limit off. At least 100 ms: postgres.js runs a query
    // of its own on each new connection, outside any request, and cannot report its failure.
    databaseStatementTimeoutMs: parseInteger(
      env,
      "API_DATABASE_STATEMENT_TIMEOUT_MS",
      5_000,
      MIN_DATABASE_TIMEOUT_MS,
      3_600_000,
    ),
    databaseIdleInTransactionTimeoutMs: parseInteger(
      env,
      "API_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS",
      10_000,
      MIN_DATABASE_TIMEOUT_MS,
      3_600_000,
    ),
  };
}

function parseTrustedProxies(value: string | undefined): string[] {
  if (value === undefined || value.trim() === "") return [];
  return value.split(",").map((entry) => {
    const trimmed = entry.trim();
    if (!isAddressOrRange(trimmed)) {
      throw new ConfigError(
        "TRUSTED_PROXIES",
        `"${trimmed}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)`,
      );
    }
    return trimmed;
  });
}

function parseNodeEnv(value: string | undefined): Config["nodeEnv"] {
  if (value === undefined || value === "") return "development";
  if (value === "development" || value === "production" || value === "test") return value;
  throw new ConfigError("NODE_ENV", `must be development, production or test, got "${value}"`);
}

function parseSecret(value: string | undefined): string {
  if (value === undefined || value === "") {
    throw new ConfigError(
      "BETTER_AUTH_SECRET",
      "is required (npm start generates one in development; production must set it)",
    );
  }
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      "BETTER_AUTH_SECRET",
      `must be at least ${MIN_SECRET_LENGTH} characters, got ${value.length}`,
    );
  }
  return value;
}

function parseSecretList(value: string | undefined): string[] {
  if (value === undefined || value.trim() === "") return [];
  const secrets = value.split(",").map((secret) => secret.trim());
  if (secrets.some((secret) => secret.length < MIN_SECRET_LENGTH)) {
    throw new ConfigError(
      "JWT_PREVIOUS_SECRETS",
      `every comma-separated secret must be at least ${MIN_SECRET_LENGTH} characters`,
    );
  }
  return secrets;
}

function parseDatabaseUrl(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, "is not a valid URL");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(name, "must start with postgres:// or postgresql://");
  }
  return value;
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `must be a whole number, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${parsed}`);
  }
  return parsed;
}

function parseNonEmpty(env: Env, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined) return fallback;
  if (value.trim() === "") throw new ConfigError(name, "must not be empty");
  return value;
}

function parseUrl(env: Env, name: string, fallback: string): string {
  const value = parseNonEmpty(env, name, fallback);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(name, "must be an http:// or https:// URL");
  }
  return value;
}

function parseOrigin(env: Env, name: string, fallback: string): string {
  const url = new URL(parseUrl(env, name, fallback));
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "") {
    throw new ConfigError(name, "must be an origin (scheme, host and port only)");
  }
  return url.origin;
}
