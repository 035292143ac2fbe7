import { parseApiConfig } from "./api-config.ts";
import { withDevSecret } from "./dev-secret.ts";
import {
  type Env,
  type NodeEnv,
  readApiDatabaseUrl,
  readApiPort,
  readBetterAuthSecret,
  readDatabaseUrl,
  readHost,
  readNodeEnv,
  readWebPort,
} from "./variables.ts";
import { parseWebConfig } from "./web-config.ts";

/** What the start script (`npm start`, `npm run dev`) reads, and nothing else. */
export interface StartConfig {
  nodeEnv: NodeEnv;
  /** Handed to api and web, which read it themselves. */
  betterAuthSecret: string;
  /** Unset: the start script runs an embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Unset: the start script gives the api the embedded database's least-privilege login. */
  apiDatabaseUrl: string | undefined;
  /** Web's port. */
  port: number;
  apiPort: number;
  host: string;
}

export function parseStartConfig(env: Env): StartConfig {
  return {
    nodeEnv: readNodeEnv(env),
    betterAuthSecret: readBetterAuthSecret(env),
    databaseUrl: readDatabaseUrl(env),
    apiDatabaseUrl: readApiDatabaseUrl(env),
    port: readWebPort(env),
    apiPort: readApiPort(env),
    host: readHost(env),
  };
}

/**
 * The start script's configuration from its environment (outside production, the dev secret).
 * It also parses what api and web will read from the same environment, so a bad value stops
 * `npm start` with its one line before a database or server is started.
 */
export function loadStartConfig(env: Env = process.env): StartConfig {
  const resolved = withDevSecret(env);
  parseApiConfig(resolved);
  parseWebConfig(resolved);
  return parseStartConfig(resolved);
}
