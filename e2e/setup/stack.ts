import { appendFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import "@ownlist/test-kit/stack-context";
import { startThrowAwayStack } from "@ownlist/test-kit/throw-away-stack";

/**
 * The whole app for the browser tests, exactly as `npm start` runs it (production build of web,
 * api, embedded PostgreSQL), on free ports and a throw-away database. Token refresh is
 * exercised by moving the browser's clock (e2e/token-refresh.test.ts), not by a short TTL.
 */
export default async function setup(project: TestProject) {
  const logs: string[] = [];
  // Everything web and api print, for tests that check what reaches the logs (a credential must
  // never: e2e/no-credential-in-url.test.ts).
  const logFile = join(tmpdir(), `ownlist-e2e-stack-${process.pid}.log`);
  rmSync(logFile, { force: true });
  const stack = await startThrowAwayStack({
    root: join(import.meta.dirname, "..", ".."),
    label: "e2e",
    env: {
      // Every test signs up from 127.0.0.1: a limit that tests never trip (the limiter itself is
      // tested in apps/web/test).
      AUTH_RATE_LIMIT_MAX: "10000",
      // The same for the api's limit on 401s per address (tested in apps/api/test).
      API_REJECTED_RATE_LIMIT_MAX: "10000",
    },
    output: (line) => {
      logs.push(line);
      appendFileSync(logFile, `${line}\n`);
      if (logs.length > 500) logs.shift();
    },
  }).catch((error: unknown) => {
    console.error(logs.join("\n"));
    throw error;
  });
  project.provide("webUrl", stack.webUrl);
  project.provide("apiUrl", stack.apiUrl);
  project.provide("e2eDatabaseUrl", stack.databaseUrl);
  project.provide("stackLogFile", logFile);
  return async () => {
    await stack.stop();
    rmSync(logFile, { force: true });
  };
}
