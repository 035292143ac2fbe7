import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { launchChromium } from "./browser.ts";

type ContextOptions = Parameters<Browser["newContext"]>[0];

/** A test file's Chromium, as {@link useBrowser} hands it out. */
export interface BrowserFixture {
  /** The browser itself, once the file's `beforeAll` has launched it. */
  readonly browser: Browser;
  /**
   * A new context (its own cookies and storage). One opened inside a test is closed when that
   * test ends; one opened in a `beforeAll` lives until the browser closes after the file.
   */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** A page in a context of its own, closed like {@link BrowserFixture.newContext}'s. */
  newPage(options?: ContextOptions): Promise<Page>;
}

/**
 * One Chromium per test file: launched before the file's first test, closed after its last, with
 * every context a test opens closed when that test ends (pass or fail), so a failed test never
 * leaves a signed-in context for the next. Call it once at the top of a browser test file.
 */
export function useBrowser(): BrowserFixture {
  let browser: Browser | undefined;
  let testContexts: BrowserContext[] | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  beforeEach(() => {
    testContexts = [];
  });
  afterEach(async () => {
    const contexts = testContexts ?? [];
    testContexts = undefined;
    await Promise.all(contexts.map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  const fixture: BrowserFixture = {
    get browser() {
      if (!browser) throw new Error("useBrowser(): the browser is launched in beforeAll");
      return browser;
    },
    async newContext(options) {
      const context = await fixture.browser.newContext(options);
      testContexts?.push(context);
      return context;
    },
    async newPage(options) {
      return (await fixture.newContext(options)).newPage();
    },
  };
  return fixture;
}
