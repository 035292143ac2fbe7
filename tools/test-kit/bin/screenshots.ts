/**
 * `npm run screenshots`: starts the real app (production build, throw-away embedded PostgreSQL,
 * free ports), signs a person up, seeds a realistic list through the api, and writes PNGs of the
 * main screens (the task list, sign-in, the account page) — light and dark, desktop (1280×800) and phone (390×844) — to docs/screenshots/.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { findProjectRoot } from "@ownlist/config";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../src/browser.ts";
import { screenshotTasks } from "../src/screenshot-tasks.ts";
import { createTasks, signUp } from "../src/seed.ts";
import { startThrowAwayStack } from "../src/throw-away-stack.ts";

const root = findProjectRoot();
const outDir = join(root, "docs", "screenshots");

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  {
    name: "phone",
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
] as const;
const SCHEMES = ["light", "dark"] as const;

/** Signs a new person up in the context, which is signed in as them afterwards. */
async function signUpAs(context: BrowserContext, webUrl: string, name: string): Promise<string> {
  const email = `${name.split(" ")[0]?.toLowerCase()}-${randomBytes(3).toString("hex")}@example.com`;
  const password = `pw-${randomBytes(12).toString("base64url")}`;
  return (await signUp(context, webUrl, { name, email, password })).id;
}

/**
 * Waits for the first page of tasks, fonts and two frames before the picture. (Not
 * waitForFunction with a string: that is re-evaluated with eval on every poll, which web's
 * Content-Security-Policy refuses.)
 */
async function settle(page: Page): Promise<void> {
  await page.locator('[data-testid="task-skeleton"]').waitFor({ state: "detached" });
  await page.evaluate("document.fonts.ready");
  await page.evaluate(
    "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))",
  );
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function capture(
  browser: Browser,
  webUrl: string,
  states: { seeded: StorageState; empty: StorageState },
): Promise<string[]> {
  const written: string[] = [];
  for (const scheme of SCHEMES) {
    for (const { name: device, ...options } of VIEWPORTS) {
      const shots: [string, string, StorageState | undefined][] = [
        ["tasks", "/tasks", states.seeded],
        ["empty", "/tasks", states.empty],
        ["sign-in", "/sign-in", undefined],
        ["account", "/account", states.seeded],
      ];
      for (const [screen, path, storageState] of shots) {
        const context = await browser.newContext({
          ...options,
          colorScheme: scheme,
          reducedMotion: "reduce",
          storageState,
        });
        const page = await context.newPage();
        await page.goto(`${webUrl}${path}`);
        if (screen === "tasks")
          await page.locator('[data-testid="task-list"] li').first().waitFor();
        if (screen === "empty") await page.getByTestId("empty-state").waitFor();
        if (screen === "sign-in") await page.getByRole("button", { name: "Sign in" }).waitFor();
        if (screen === "account")
          await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
        await settle(page);
        const file = join(outDir, `${screen}-${scheme}-${device}.png`);
        // The account page is long: all of it, so every section is in the picture.
        await page.screenshot({ path: file, fullPage: screen === "account" });
        written.push(file);
        await context.close();
      }
    }
  }
  return written;
}

async function main(): Promise<void> {
  const stack = await startThrowAwayStack({
    root,
    label: "screenshots",
    output: (line) => process.stdout.write(`${line}\n`),
  });
  const browser = await launchChromium();
  try {
    mkdirSync(outDir, { recursive: true });
    const seeded = await browser.newContext();
    const userId = await signUpAs(seeded, stack.webUrl, "Alex Rivera");
    // Oldest first, so that "newest first" shows the list in the order it is written.
    await createTasks(seeded, stack, userId, screenshotTasks(new Date()).reverse());
    const empty = await browser.newContext();
    await signUpAs(empty, stack.webUrl, "Sam Lee");
    const written = await capture(browser, stack.webUrl, {
      seeded: await seeded.storageState(),
      empty: await empty.storageState(),
    });
    for (const file of written) process.stdout.write(`wrote ${file.slice(root.length + 1)}\n`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
