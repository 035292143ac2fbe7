import { withDevSecret } from "./dev-secret.ts";
import {
  type AdmissionQueueConfig,
  type ApiRateLimits,
  type DatabaseTimeouts,
  type Env,
  type LogLevel,
  type NodeEnv,
  type RateLimitStoreConfig,
  readApiAdmission,
  readApiDatabaseUrl,
  readApiListenBacklog,
  readApiPort,
  readApiRateLimits,
  readRateLimitStore,
  readApiUrl,
  readApiWorkers,
  readDatabaseTimeouts,
  readDatabaseUrl,
  readHost,
  readIdempotencyTtlHours,
  readExportTimeoutSeconds,
  readImportMaxBytes,
  readLogLevel,
  readNodeEnv,
  readRequestDeadlineMs,
  readShutdownTimeoutSeconds,
  readSocketTimeouts,
  readTaskQuota,
  readToken,
  readTrustedProxies,
  readWebOrigin,
  type SocketTimeouts,
  type TaskQuota,
  type TokenConfig,
} from "./variables.ts";

/** What the api process reads (docs/contract.md#configuration), and nothing else. */
export interface ApiConfig {
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** Verifying API tokens: BETTER_AUTH_SECRET and the JWT_* variables. */
  token: TokenConfig;
  databaseUrl: string | undefined;
  apiDatabaseUrl: string | undefined;
  /** The only origin CORS allows. */
  webOrigin: string;
  /** The OpenAPI document's server. */
  apiUrl: string;
  apiPort: number;
  host: string;
  /** Whose X-Forwarded-For the api believes for `request.ip`. */
  trustedProxies: string[];
  admissionQueue: AdmissionQueueConfig;
  listenBacklog: number;
  workers: number;
  rateLimits: ApiRateLimits;
  /** Where the rate limits count: this process, or a Redis shared by every replica. */
  rateLimitStore: RateLimitStoreConfig;
  taskQuota: TaskQuota;
  socketTimeouts: SocketTimeouts;
  databaseTimeouts: DatabaseTimeouts;
  /** How long a write's `Idempotency-Key` is remembered, in hours. Default 24. */
  idempotencyTtlHours: number;
  /** How long one export may stream, in seconds (API_EXPORT_TIMEOUT_SECONDS). Default 60. */
  exportTimeoutSeconds: number;
  /** Largest file an import accepts, in bytes (API_IMPORT_MAX_BYTES). Default 10 MiB. */
  importMaxBytes: number;
  /** A request's database work must be done this long after the api has it, in ms. Default 3,000. */
  requestDeadlineMs: number;
  /** Drain bound after SIGTERM/SIGINT, in seconds. Default 10. */
  shutdownTimeoutSeconds: number;
}

export function parseApiConfig(env: Env): ApiConfig {
  return {
    nodeEnv: readNodeEnv(env),
    logLevel: readLogLevel(env),
    token: readToken(env),
    databaseUrl: readDatabaseUrl(env),
    apiDatabaseUrl: readApiDatabaseUrl(env),
    webOrigin: readWebOrigin(env),
    apiUrl: readApiUrl(env),
    apiPort: readApiPort(env),
    host: readHost(env),
    trustedProxies: readTrustedProxies(env),
    admissionQueue: readApiAdmission(env),
    listenBacklog: readApiListenBacklog(env),
    workers: readApiWorkers(env),
    rateLimits: readApiRateLimits(env),
    rateLimitStore: readRateLimitStore(env),
    taskQuota: readTaskQuota(env),
    socketTimeouts: readSocketTimeouts(env),
    databaseTimeouts: readDatabaseTimeouts(env),
    idempotencyTtlHours: readIdempotencyTtlHours(env),
    exportTimeoutSeconds: readExportTimeoutSeconds(env),
    importMaxBytes: readImportMaxBytes(env),
    requestDeadlineMs: readRequestDeadlineMs(env),
    shutdownTimeoutSeconds: readShutdownTimeoutSeconds(env),
  };
}

/** The api's configuration from this process's environment (outside production, the dev secret). */
export function loadApiConfig(env: Env = process.env): ApiConfig {
  return parseApiConfig(withDevSecret(env));
}
