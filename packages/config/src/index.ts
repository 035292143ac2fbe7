export { devSecretNotice, findProjectRoot, resolveDevSecret, usesDevSecret } from "./dev-secret.ts";
export { loadConfig } from "./load-config.ts";
export { type ApiLimits, type Config, ConfigError, parseConfig } from "./parse-config.ts";
