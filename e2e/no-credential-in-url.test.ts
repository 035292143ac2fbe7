/**
 * Issue 11 item 5: the sign-in and sign-up forms are method="post", so a form submitted before
 * the page's script runs (here: JavaScript off altogether) never puts the email or password in a
 * URL, a history entry or a log line of web or the api.
 */
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newTestUser } from "@ownlist/test-kit/users";

const browser = useBrowser();

const webUrl = inject("webUrl");
let context: BrowserContext | undefined;

/** Every URL in the tab's session history, read through the DevTools protocol (no page script). */
async function historyOf(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  const { entries } = (await session.send("Page.getNavigationHistory")) as {
    entries: Array<{ url: string }>;
  };
  await session.detach();
  return entries.map((entry) => entry.url);
}

/** What must appear nowhere: the raw values and their URL-encoded forms. */
function secretsOf(user: { email: string; password: string }): string[] {
  return [
    user.password,
    encodeURIComponent(user.password),
    user.email,
    encodeURIComponent(user.email),
  ];
}

describe("with JavaScript off, submitting", () => {
  it.each([
    ["sign-in", "/sign-in?next=%2Ftasks", ["email", "password"]],
    ["sign-up", "/sign-up", ["name", "email", "password"]],
  ] as const)(
    "the %s form sends no credential in a URL, history entry or log",
    async (_label, path, fields) => {
      context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const user = newTestUser({ password: `Sekr3t-${Date.now().toString(36)}-pw` });
      const requests: Array<{ method: string; url: string }> = [];
      page.on("request", (request) =>
        requests.push({ method: request.method(), url: request.url() }),
      );

      await page.goto(`${webUrl}${path}`);
      const values: Record<string, string> = { ...user };
      for (const field of fields)
        await page.locator(`input[name="${field}"]`).fill(values[field] ?? "");
      const navigation = page.waitForNavigation();
      await page.locator('button[type="submit"]').click();
      const response = await navigation;

      // The form went as a POST to the page itself; the answer is a page, never an error.
      const submitted = requests.find((request) => request.method === "POST");
      expect(submitted?.url).toBe(`${webUrl}${path}`);
      expect(response?.status()).toBeLessThan(400);
      // With JavaScript off the page says what to do.
      await expect(page.content()).resolves.toContain("Ownlist needs JavaScript");

      const urls = [page.url(), ...(await historyOf(page)), ...requests.map((r) => r.url)];
      const logs = readFileSync(inject("stackLogFile"), "utf8");
      for (const url of urls) expect(url).not.toMatch(/[?&](email|password)=/);
      for (const secret of secretsOf(user)) {
        for (const url of urls) expect(url).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
    },
  );
});
