import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "@ownlist/config";
import { findFreePort } from "@ownlist/db";
import type { TestProject } from "vitest/node";
import { startStack } from "../../scripts/lib/stack.ts";

/**
 * The whole app for the browser tests, exactly as `npm start` runs it (production build of web,
 * api, embedded PostgreSQL), on free ports and a throw-away database, with a short token TTL so
 * that the refresh path is exercised.
 */
export default async function setup(project: TestProject) {
  const root = join(import.meta.dirname, "..", "..");
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
    // Every test signs up from 127.0.0.1: a limit that tests never trip (the limiter itself is
    // tested in apps/web/test).
    AUTH_RATE_LIMIT_MAX: "10000",
    // The same for the api's limit on 401s per address (tested in apps/api/test).
    API_REJECTED_RATE_LIMIT_MAX: "10000",
  };
  delete env.DATABASE_URL;
  const logs: string[] = [];
  const stack = await startStack({
    root,
    config: parseConfig(env),
    env,
    dev: false,
    dataDir: join(tmpdir(), `ownlist-e2e-pg-${randomBytes(4).toString("hex")}`),
    ephemeralData: true,
    output: (line) => {
      logs.push(line);
      if (logs.length > 500) logs.shift();
    },
  }).catch((error: unknown) => {
    console.error(logs.join("\n"));
    throw error;
  });
  project.provide("webUrl", stack.webUrl);
  project.provide("apiUrl", stack.apiUrl);
  project.provide("e2eDatabaseUrl", stack.databaseUrl);
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    e2eDatabaseUrl: string;
  }
}
