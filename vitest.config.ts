import { defineConfig } from "vitest/config";

/**
 * `npm test` runs two projects: "integration" (unit and integration tests, each file on its own
 * freshly cloned PostgreSQL database) and "e2e" (Chromium through playwright-core against the
 * whole app: embedded PostgreSQL, api and a production build of web, on free ports), and
 * "replicas" (several api and web processes behind nginx, as `npm run replicas` runs them).
 */
export default defineConfig({
  test: {
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
            "tools/*/**/*.test.ts",
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
      {
        test: {
          // docs/operations.md#replicas: real api and web processes behind Debian's nginx.
          name: "replicas",
          include: ["test/replicas/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
