export { type ApiConfig, loadApiConfig, parseApiConfig } from "./api-config.ts";
export { devSecretNotice, findProjectRoot, resolveDevSecret, usesDevSecret } from "./dev-secret.ts";
export { loadMigrateConfig, type MigrateConfig } from "./migrate-config.ts";
export { loadStartConfig, parseStartConfig, type StartConfig } from "./start-config.ts";
export {
  type AdmissionQueueConfig,
  type ApiRateLimits,
  ConfigError,
  type DatabaseTimeouts,
  type LogLevel,
  type NodeEnv,
  type RateLimitStoreConfig,
  type RateWindow,
  type SocketTimeouts,
  type TaskQuota,
  type TokenConfig,
} from "./variables.ts";
export { loadWebConfig, parseWebConfig, type WebConfig } from "./web-config.ts";
