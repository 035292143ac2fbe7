import { findProjectRoot, resolveDevSecret, usesDevSecret } from "./dev-secret.ts";
import { type Config, parseConfig } from "./parse-config.ts";

/**
 * The configuration of this process: the environment always wins; outside production a missing
 * BETTER_AUTH_SECRET is taken from (or generated into) the project's git-ignored dev secret file.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const secret = usesDevSecret(env) ? resolveDevSecret(findProjectRoot()) : env.BETTER_AUTH_SECRET;
  return parseConfig({ ...env, BETTER_AUTH_SECRET: secret });
}
