import { rmSync } from "node:fs";
import { join } from "node:path";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@ownlist/db";
import type { Stack } from "@ownlist/scripts/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startThrowAwayStack } from "@ownlist/test-kit/throw-away-stack";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();

/**
 * Issue 13 item 6, the pages: with web's PostgreSQL stopped, a signed-in person's pages answer
 * 503 with Retry-After and app/error.tsx's "unavailable, try again" (lib/server/page-outage.ts),
 * never a 500 or a stack, and serve again once the database is back, without a restart. A stack
 * of its own: stopping the shared one's database would fail every other browser test.
 */
let stack: Stack;
let restarted: EmbeddedPostgres | undefined;
const output: string[] = [];

beforeAll(async () => {
  stack = await startThrowAwayStack({
    root: join(import.meta.dirname, ".."),
    label: "e2e-page-outage",
    keepData: true,
    output: (line) => output.push(line),
  });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await restarted?.stop();
  const dataDir = stack?.embedded?.dataDir;
  if (dataDir) {
    for (const path of [dataDir, `${dataDir}.password`, `${dataDir}.api-password`]) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}, 60_000);

describe("web's pages while its database is away", () => {
  it("answer 503 with a clear page, then serve again when it is back", async () => {
    const context = await browser.newContext();
    await signUpViaApi(context, undefined, stack.webUrl);
    const page = await context.newPage();
    expect((await page.goto(`${stack.webUrl}/tasks`))?.status()).toBe(200);

    const embedded = stack.embedded!;
    await embedded.stop();
    for (const path of ["/tasks", "/account", "/"]) {
      const response = await page.goto(`${stack.webUrl}${path}`);
      expect(response?.status(), path).toBe(503);
      expect(Number(response?.headers()["retry-after"])).toBeGreaterThan(0);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "Ownlist is unavailable right now",
      );
      const text = (await page.textContent("body")) ?? "";
      expect(text).toMatch(/try again/i);
      expect(text).not.toMatch(/ECONNREFUSED|postgres|at \w+ \(/i);
    }

    // Same data directory and port: web's pool reconnects by itself.
    restarted = await startEmbeddedPostgres({ dataDir: embedded.dataDir, port: embedded.port });
    const back = await page.goto(`${stack.webUrl}/tasks`);
    expect(back?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).not.toBe(
      "Ownlist is unavailable right now",
    );
  }, 120_000);
});
