import { describe, expect, inject, it } from "vitest";
import { watchCspViolations } from "@ownlist/test-kit/csp";
import { useBrowser } from "@ownlist/test-kit/use-browser";

const browser = useBrowser();
const webUrl = inject("webUrl");

/**
 * An unknown address (issue 17 item 7): Next's own 404 page styles itself inline, which the
 * Content-Security-Policy refuses (docs/decisions/019), so it showed as bare text. app/not-found.tsx
 * uses the app's stylesheet: 404, a heading, a way home, and not one CSP violation.
 */
describe("the not-found page", () => {
  it("answers 404 with a styled, accessible page and no CSP violation", async () => {
    const context = await browser.newContext();
    const violations = await watchCspViolations(context);
    const page = await context.newPage();
    for (const path of ["/no-such-page", "/tasks/deeper/still"]) {
      const response = await page.goto(`${webUrl}${path}`);
      expect(response?.status()).toBe(404);
      const heading = page.getByRole("heading", { level: 1 });
      expect(await heading.textContent()).toBe("This page does not exist");
      // Styled by the app's stylesheet (Tailwind's font-semibold), not the browser's default bold.
      expect(await heading.evaluate((element) => getComputedStyle(element).fontWeight)).toBe("600");
      const home = page.getByRole("link", { name: "Go to Ownlist" });
      expect(await home.getAttribute("href")).toBe("/");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    }
    // Reports arrive asynchronously: a few frames for any to land.
    for (let frame = 0; frame < 10; frame++) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    expect(violations).toEqual([]);
    await page.getByRole("link", { name: "Go to Ownlist" }).click();
    await page.waitForURL(`${webUrl}/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Ownlist");
  });
});
