/**
 * `npm run screenshots`: starts the real app (production build, throw-away embedded PostgreSQL,
 * free ports), signs a person up, seeds a realistic list through the api, and writes PNGs of the
 * main screens — light and dark, desktop (1280×800) and phone (390×844) — to docs/screenshots/.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { findProjectRoot } from "@ownlist/config";
import type { TaskCreate } from "@ownlist/contract";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../e2e/browser.ts";
import { screenshotTasks } from "./lib/screenshot-tasks.ts";
import { startThrowAwayStack } from "./lib/throw-away-stack.ts";

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

async function signUp(context: BrowserContext, webUrl: string, name: string): Promise<string> {
  const email = `${name.split(" ")[0]?.toLowerCase()}-${randomBytes(3).toString("hex")}@example.com`;
  const response = await context.request.post(`${webUrl}/api/auth/sign-up/email`, {
    data: { name, email, password: `pw-${randomBytes(12).toString("base64url")}` },
    headers: { origin: webUrl },
  });
  if (!response.ok())
    throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { user: { id: string } }).user.id;
}

async function seed(
  context: BrowserContext,
  webUrl: string,
  apiUrl: string,
  userId: string,
  tasks: TaskCreate[],
) {
  const tokenResponse = await context.request.get(`${webUrl}/api/token`);
  const { token } = (await tokenResponse.json()) as { token: string };
  // Oldest first, so that "newest first" shows the list in the order it is written.
  for (const task of [...tasks].reverse()) {
    const response = await fetch(`${apiUrl}/api/${userId}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(task),
    });
    if (response.status !== 201)
      throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  }
}

/**
 * Waits for the first page of tasks, fonts and two frames before the picture. (Strings, because
 * this file is type-checked without the DOM library. Not waitForFunction with a string: that is
 * re-evaluated with eval on every poll, which web's Content-Security-Policy refuses.)
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
        await settle(page);
        const file = join(outDir, `${screen}-${scheme}-${device}.png`);
        await page.screenshot({ path: file });
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
    const userId = await signUp(seeded, stack.webUrl, "Alex Rivera");
    await seed(seeded, stack.webUrl, stack.apiUrl, userId, screenshotTasks(new Date()));
    const empty = await browser.newContext();
    await signUp(empty, stack.webUrl, "Sam Lee");
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
