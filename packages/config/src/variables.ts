import { isAddressOrRange } from "./trusted-proxies.ts";

/**
 * docs/contract.md#configuration: every environment variable Ownlist reads, each parsed by one
 * function here. The per-process loaders (api-config.ts, web-config.ts, start-config.ts) call
 * the readers of exactly the variables their process uses. A bad value throws a ConfigError whose
 * message is one line naming the variable.
 */
export type Env = Record<string, string | undefined>;

export type NodeEnv = "development" | "production" | "test";

/** pino's levels: the api's LOG_LEVEL. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What signing and verifying API tokens need: the same shape as `@ownlist/token`'s
 * TokenSettings, so a loaded config hands it over as it is (the token package reads no
 * environment and depends on no config).
 */
export interface TokenConfig {
  /** BETTER_AUTH_SECRET: the current HMAC key. */
  secret: string;
  /** JWT_PREVIOUS_SECRETS: old keys still accepted while a rotation is under way. Default none. */
  previousSecrets: string[];
  /** JWT_ISSUER: the `iss` claim. Default `ownlist-web`. */
  issuer: string;
  /** JWT_AUDIENCE: the `aud` claim. Default `ownlist-api`. */
  audience: string;
  /** JWT_TTL_SECONDS: lifetime of API tokens. Default 900. */
  ttlSeconds: number;
  /** JWT_CLOCK_SKEW_SECONDS: leeway for `exp`/`nbf`/`iat`. Default 30. */
  clockSkewSeconds: number;
}

/** At most `max` requests per `windowSeconds`. */
export interface RateWindow {
  windowSeconds: number;
  max: number;
}

/**
 * The api's FIFO admission queue: at most `maxInFlight` requests worked on at once (default 64),
 * at most `maxQueue` waiting (default 4096); past that, 503 with Retry-After.
 */
export interface AdmissionQueueConfig {
  maxInFlight: number;
  maxQueue: number;
}

/** The api's two rate limits, counted where `API_RATE_LIMIT_STORE` says (docs/operations.md). */
export interface ApiRateLimits {
  /** Length of both windows. Default 60. */
  windowSeconds: number;
  /** Requests one user (token subject) may make per window. Default 10,000; 0 turns it off. */
  maxPerUser: number;
  /** 401 answers one client address may get per window before it gets 429. Default 100; 0 = off. */
  maxRejectedPerAddress: number;
}

/**
 * Where the api counts its rate limits (docs/contract.md#limits, decision 041): `memory`, each
 * process on its own (one process: `npm start`); `redis`, one Redis shared by every replica.
 */
export type RateLimitStoreConfig = { kind: "memory" } | { kind: "redis"; url: string };

/** How much one user may store. */
export interface TaskQuota {
  /** Tasks one user may own. Default 10,000. */
  maxTasksPerUser: number;
}

/** Slowloris bounds on the api's sockets. */
export interface SocketTimeouts {
  /** A client must finish sending its headers within this. Default 10. */
  headersTimeoutSeconds: number;
  /** A client must finish sending its whole request within this. Default 30. */
  requestTimeoutSeconds: number;
  /** An idle socket is closed after this, before its first request and between requests. Default 72. */
  connectionTimeoutSeconds: number;
}

/** PostgreSQL's own limits on the api's connections. */
export interface DatabaseTimeouts {
  /** `statement_timeout`, in ms. Default 5,000. */
  statementTimeoutMs: number;
  /** `idle_in_transaction_session_timeout`, in ms. Default 10,000. */
  idleInTransactionTimeoutMs: number;
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

const MIN_SECRET_LENGTH = 32;
const MIN_DATABASE_TIMEOUT_MS = 100;

export function readNodeEnv(env: Env): NodeEnv {
  const value = env.NODE_ENV;
  if (value === undefined || value === "") return "development";
  if (value === "development" || value === "production" || value === "test") return value;
  throw new ConfigError("NODE_ENV", `must be development, production or test, got "${value}"`);
}

export function readBetterAuthSecret(env: Env): string {
  const value = env.BETTER_AUTH_SECRET;
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

export function readToken(env: Env): TokenConfig {
  return {
    secret: readBetterAuthSecret(env),
    previousSecrets: parseSecretList(env.JWT_PREVIOUS_SECRETS),
    issuer: parseNonEmpty(env, "JWT_ISSUER", "ownlist-web"),
    audience: parseNonEmpty(env, "JWT_AUDIENCE", "ownlist-api"),
    ttlSeconds: parseInteger(env, "JWT_TTL_SECONDS", 900, 1, 86_400),
    clockSkewSeconds: parseInteger(env, "JWT_CLOCK_SKEW_SECONDS", 30, 0, 300),
  };
}

/** DATABASE_URL. Unset means "start an embedded PostgreSQL" (only the start script acts on that). */
export function readDatabaseUrl(env: Env): string | undefined {
  return parseDatabaseUrl(env, "DATABASE_URL");
}

/**
 * API_DATABASE_URL: the api's own login (least privilege: it may act as `ownlist_api` only; ADR
 * 024). Unset: the api logs in with DATABASE_URL and warns; `npm start` sets it for the embedded
 * database.
 */
export function readApiDatabaseUrl(env: Env): string | undefined {
  return parseDatabaseUrl(env, "API_DATABASE_URL");
}

/** WEB_ORIGIN: the only origin the api's CORS allows, and the origin Better Auth trusts. */
export function readWebOrigin(env: Env): string {
  return parseOrigin(env, "WEB_ORIGIN", "http://localhost:3000");
}

/** API_URL: where web and the browser reach the api (no trailing slash). */
export function readApiUrl(env: Env): string {
  return parseUrl(env, "API_URL", "http://localhost:8000").replace(/\/+$/, "");
}

/** PORT: web's listening port. */
export function readWebPort(env: Env): number {
  return parseInteger(env, "PORT", 3000, 1, 65_535);
}

/** API_PORT: the api's listening port. */
export function readApiPort(env: Env): number {
  return parseInteger(env, "API_PORT", 8000, 1, 65_535);
}

/** HOST: the interface both servers bind to. Default `localhost`; `0.0.0.0` in a container. */
export function readHost(env: Env): string {
  return parseNonEmpty(env, "HOST", "localhost");
}

/** LOG_LEVEL: the api's pino level. Default `info`. */
export function readLogLevel(env: Env): LogLevel {
  const value = env.LOG_LEVEL;
  if (value === undefined || value === "") return "info";
  const level = LOG_LEVELS.find((known) => known === value);
  if (!level)
    throw new ConfigError("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")}, got "${value}"`);
  return level;
}

/**
 * Better Auth's limiter on sign-in and sign-up, per client address and per endpoint. Defaults
 * 5 per 60 s.
 */
export function readAuthRateLimit(env: Env): RateWindow {
  return {
    windowSeconds: parseInteger(env, "AUTH_RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400),
    max: parseInteger(env, "AUTH_RATE_LIMIT_MAX", 5, 1, 1_000_000),
  };
}

/**
 * Sign-in attempts one account (normalised email) may make per window, from any address,
 * counted in the database; a successful sign-in starts the count again. Defaults 10 per 900 s.
 */
export function readFailedSignInLimit(env: Env): RateWindow {
  return {
    windowSeconds: parseInteger(env, "AUTH_FAILED_SIGN_IN_WINDOW_SECONDS", 900, 1, 86_400),
    max: parseInteger(env, "AUTH_FAILED_SIGN_IN_MAX", 10, 1, 1_000_000),
  };
}

/** `GET /api/token` requests one user may make per window, counted in the database. Defaults 60 per 60 s. */
export function readTokenRateLimit(env: Env): RateWindow {
  return {
    windowSeconds: parseInteger(env, "TOKEN_RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400),
    max: parseInteger(env, "TOKEN_RATE_LIMIT_MAX", 60, 1, 1_000_000),
  };
}

/**
 * TRUSTED_PROXIES: reverse proxies (IPs or CIDR ranges) whose X-Forwarded-For entries are
 * believed. Default none: the client is the socket's peer address.
 */
export function readTrustedProxies(env: Env): string[] {
  const value = env.TRUSTED_PROXIES;
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

/** API_MAX_IN_FLIGHT and API_MAX_QUEUE. */
export function readApiAdmission(env: Env): AdmissionQueueConfig {
  return {
    maxInFlight: parseInteger(env, "API_MAX_IN_FLIGHT", 64, 1, 100_000),
    maxQueue: parseInteger(env, "API_MAX_QUEUE", 4096, 0, 1_000_000),
  };
}

/** API_LISTEN_BACKLOG: the api's `listen()` backlog (kernel accept queue). Default 4096. */
export function readApiListenBacklog(env: Env): number {
  return parseInteger(env, "API_LISTEN_BACKLOG", 4096, 1, 65_535);
}

/** API_WORKERS: `node:cluster` workers of the api sharing its port. Default 1 (no cluster). */
export function readApiWorkers(env: Env): number {
  return parseInteger(env, "API_WORKERS", 1, 1, 256);
}

export function readApiRateLimits(env: Env): ApiRateLimits {
  return {
    windowSeconds: parseInteger(env, "API_RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400),
    maxPerUser: parseInteger(env, "API_RATE_LIMIT_MAX", 10_000, 0, 100_000_000),
    maxRejectedPerAddress: parseInteger(env, "API_REJECTED_RATE_LIMIT_MAX", 100, 0, 100_000_000),
  };
}

/**
 * API_RATE_LIMIT_STORE (`memory` or `redis`, default `memory`) and, for `redis`, REDIS_URL
 * (`redis://` or `rediss://`), required then and read only then.
 */
export function readRateLimitStore(env: Env): RateLimitStoreConfig {
  const kind = env.API_RATE_LIMIT_STORE;
  if (kind === undefined || kind === "" || kind === "memory") return { kind: "memory" };
  if (kind !== "redis") {
    throw new ConfigError("API_RATE_LIMIT_STORE", `must be memory or redis, got "${kind}"`);
  }
  const url = env.REDIS_URL;
  if (url === undefined || url === "") {
    throw new ConfigError("REDIS_URL", "is required when API_RATE_LIMIT_STORE is redis");
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError("REDIS_URL", "is not a valid URL");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new ConfigError("REDIS_URL", "must start with redis:// or rediss://");
  }
  return { kind: "redis", url };
}

export function readTaskQuota(env: Env): TaskQuota {
  return {
    maxTasksPerUser: parseInteger(env, "API_MAX_TASKS_PER_USER", 10_000, 1, 10_000_000),
  };
}

export function readSocketTimeouts(env: Env): SocketTimeouts {
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
    headersTimeoutSeconds,
    requestTimeoutSeconds,
    connectionTimeoutSeconds: parseInteger(env, "API_CONNECTION_TIMEOUT_SECONDS", 72, 1, 3_600),
  };
}

export function readDatabaseTimeouts(env: Env): DatabaseTimeouts {
  // Never 0, which would turn PostgreSQL's limit off. At least 100 ms: postgres.js runs a query
  // of its own on each new connection, outside any request, and cannot report its failure.
  return {
    statementTimeoutMs: parseInteger(
      env,
      "API_DATABASE_STATEMENT_TIMEOUT_MS",
      5_000,
      MIN_DATABASE_TIMEOUT_MS,
      3_600_000,
    ),
    idleInTransactionTimeoutMs: parseInteger(
      env,
      "API_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS",
      10_000,
      MIN_DATABASE_TIMEOUT_MS,
      3_600_000,
    ),
  };
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

/**
 * docs/contract.md#import: the largest file `POST /api/{user_id}/import` accepts, in bytes (one
 * more → 413). The api holds one import's file in memory while it checks it. Default 10 MiB.
 */
export function readImportMaxBytes(env: Env): number {
  return parseInteger(env, "API_IMPORT_MAX_BYTES", 10_485_760, 65_536, 104_857_600);
}

/**
 * docs/contract.md#export: how long one export may stream, in seconds. The cursor's statement
 * spans the whole download, so this replaces API_DATABASE_STATEMENT_TIMEOUT_MS for it; a reader
 * slower than this is cut, and the pooled connection it held comes back. Default 60.
 */
export function readExportTimeoutSeconds(env: Env): number {
  return parseInteger(env, "API_EXPORT_TIMEOUT_SECONDS", 60, 1, 3_600);
}

/** How long a write's `Idempotency-Key` is remembered, in hours (docs/contract.md#idempotency-key). */
export function readIdempotencyTtlHours(env: Env): number {
  return parseInteger(env, "API_IDEMPOTENCY_TTL_HOURS", 24, 1, 8_760);
}

/**
 * docs/contract.md#request-deadline: a request's database work must be done this long after the
 * api has the whole request, else it is cancelled (or never sent) and the answer is 503. In ms.
 */
export function readRequestDeadlineMs(env: Env): number {
  return parseInteger(env, "API_REQUEST_DEADLINE_MS", 3_000, 100, 600_000);
}

/**
 * docs/contract.md#shutdown: after SIGTERM/SIGINT, requests already received get this long to be
 * answered before the api cuts them and exits 1. In seconds.
 */
export function readShutdownTimeoutSeconds(env: Env): number {
  return parseInteger(env, "API_SHUTDOWN_TIMEOUT_SECONDS", 10, 1, 3_600);
}
