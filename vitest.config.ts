import { isPostgresWriteAfterCloseRace } from "./packages/db/src/driver-races.ts";
import { defineConfig } from "vitest/config";

/**
 * `npm test` runs two projects: "integration" (unit and integration tests, each file on its own
 * freshly cloned PostgreSQL database) and "e2e" (Chromium through playwright-core against the
 * whole app: embedded PostgreSQL, api and a production build of web, on free ports).
 */
export default defineConfig({
  test: {
    // The database-outage test stops PostgreSQL under load; postgres.js 3.4.9 can then throw one
    // known, harmless TypeError from a timer (the api's server.ts ignores exactly this one too).
    // Returning false ignores it; every other unhandled error still fails the run.
    onUnhandledError: (error) => !isPostgresWriteAfterCloseRace(error),
    projects: [
      {
        test: {
          name: "integration",
          include: [
            "packages/*/src/**/*.test.ts",
            "packages/*/test/**/*.test.ts",
            "apps/api/test/**/*.test.ts",
            "apps/web/test/**/*.test.{ts,tsx}",
            "scripts/**/*.test.ts",
          ],
          globalSetup: ["test/setup/database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["e2e/setup/stack.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine; tests inside a file stay sequential.
          fileParallelism: false,
        },
      },
    ],
  },
});
