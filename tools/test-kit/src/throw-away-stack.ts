import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStartConfig } from "@ownlist/config";
import { findFreePort } from "@ownlist/db";
import { type Stack, startStack } from "@ownlist/scripts/stack";

export interface ThrowAwayStackOptions {
  root: string;
  /** Names the temporary data directory (`ownlist-<label>-pg-…`). */
  label: string;
  /** Extra environment for api and web (e.g. limits a test suite must not trip). */
  env?: NodeJS.ProcessEnv;
  output: (line: string) => void;
  /**
   * Keep the database's data directory when the stack stops (default: delete it), for a test
   * that reopens it to check what was written; that test then deletes it.
   */
  keepData?: boolean;
}

/**
 * The whole app as `npm start` runs it (production build of web, api, embedded PostgreSQL), but
 * on free ports, a random secret and a database deleted on stop: for the browser tests and the
 * screenshot script, which must not touch a running `npm start` or its data.
 */
export async function startThrowAwayStack(options: ThrowAwayStackOptions): Promise<Stack> {
  const [port, apiPort] = [await findFreePort(), await findFreePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORT: String(port),
    API_PORT: String(apiPort),
    HOST: "localhost",
    WEB_ORIGIN: `http://localhost:${port}`,
    API_URL: `http://localhost:${apiPort}`,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  delete env.DATABASE_URL;
  return startStack({
    root: options.root,
    config: parseStartConfig(env),
    env,
    dev: false,
    dataDir: join(tmpdir(), `ownlist-${options.label}-pg-${randomBytes(4).toString("hex")}`),
    ephemeralData: !options.keepData,
    output: options.output,
  });
}
