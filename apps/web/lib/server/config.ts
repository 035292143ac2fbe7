import { loadWebConfig, type WebConfig } from "@ownlist/config";

/**
 * Web's configuration, parsed on first use (never at import time, so that `next build` needs no
 * secret). Its own module so that proxy.ts can read it without pulling in the database or Better Auth.
 */
let config: WebConfig | undefined;

export function getConfig(): WebConfig {
  config ??= loadWebConfig();
  return config;
}
