import { withDevSecret } from "./dev-secret.ts";
import {
  type Env,
  type NodeEnv,
  type RateWindow,
  readApiUrl,
  readAuthRateLimit,
  readBetterAuthSecret,
  readDatabaseUrl,
  readFailedSignInLimit,
  readHost,
  readNodeEnv,
  readToken,
  readTokenRateLimit,
  readTrustedProxies,
  readWebOrigin,
  readWebPort,
  type TokenConfig,
} from "./variables.ts";

/** What the web process reads (docs/contract.md#configuration), and nothing else. */
export interface WebConfig {
  /** `development` relaxes the Content-Security-Policy for Next's dev tooling. */
  nodeEnv: NodeEnv;
  /** Better Auth's key is derived from it (sessions); see `token` for API tokens. */
  betterAuthSecret: string;
  /** Signing API tokens: BETTER_AUTH_SECRET and the JWT_* variables. */
  token: TokenConfig;
  /** Required by web: npm start passes the embedded database's URL. */
  databaseUrl: string | undefined;
  /** The origin Better Auth trusts and the site's own origin. */
  webOrigin: string;
  /** Where the browser reaches the api (CSP `connect-src`, the client's base URL). */
  apiUrl: string;
  port: number;
  host: string;
  authRateLimit: RateWindow;
  failedSignInLimit: RateWindow;
  tokenRateLimit: RateWindow;
  trustedProxies: string[];
}

export function parseWebConfig(env: Env): WebConfig {
  return {
    nodeEnv: readNodeEnv(env),
    betterAuthSecret: readBetterAuthSecret(env),
    token: readToken(env),
    databaseUrl: readDatabaseUrl(env),
    webOrigin: readWebOrigin(env),
    apiUrl: readApiUrl(env),
    port: readWebPort(env),
    host: readHost(env),
    authRateLimit: readAuthRateLimit(env),
    failedSignInLimit: readFailedSignInLimit(env),
    tokenRateLimit: readTokenRateLimit(env),
    trustedProxies: readTrustedProxies(env),
  };
}

/** Web's configuration from this process's environment (outside production, the dev secret). */
export function loadWebConfig(env: Env = process.env): WebConfig {
  return parseWebConfig(withDevSecret(env));
}
