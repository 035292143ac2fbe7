import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowser } from "../src/use-browser.ts";

/**
 * useBrowser()'s promise to a browser test file: one Chromium for the file, every context a test
 * opens closed when that test ends, and a context opened in beforeAll kept for the whole file.
 * The tests run in order and the later ones check what the earlier ones left behind.
 */
const browser = useBrowser();

let fromBeforeAll: BrowserContext;
let fromTest: BrowserContext | undefined;

beforeAll(async () => {
  fromBeforeAll = await browser.newContext();
});

describe("useBrowser", () => {
  it("launches Chromium before the file's tests and hands out contexts and pages", async () => {
    expect(browser.browser.isConnected()).toBe(true);
    fromTest = await browser.newContext();
    const page = await browser.newPage();
    await page.setContent("<title>kit</title>");
    await expect(page.title()).resolves.toBe("kit");
    expect(browser.browser.contexts()).toHaveLength(3);
  });

  it("closed the contexts the previous test opened, and only those", () => {
    expect(fromTest).toBeDefined();
    expect(browser.browser.contexts()).toEqual([fromBeforeAll]);
  });
});
