import { describe, expect, inject, it } from "vitest";
import { watchCspViolations } from "@ownlist/test-kit/csp";
import { useBrowser } from "@ownlist/test-kit/use-browser";

const browser = useBrowser();

/**
 * The api's /docs (Scalar) under its own Content-Security-Policy: no 'unsafe-inline' script on
 * the api's origin, its configuration script allowed by hash, and the reference still renders
 * with not one violation.
 */

const apiUrl = inject("apiUrl");
describe("the api's /docs", () => {
  it("renders the interactive reference with no CSP violation and no inline script allowed wholesale", async () => {
    const context = await browser.newContext();
    const violations = await watchCspViolations(context);
    const page = await context.newPage();
    const response = await page.goto(`${apiUrl}/docs/`);
    expect(response?.status()).toBe(200);
    const policy = (await response?.allHeaders())?.["content-security-policy"] ?? "";
    const scriptSrc = policy.split("; ").find((part) => part.startsWith("script-src"));
    expect(scriptSrc).toMatch(/^script-src 'self' 'sha256-[A-Za-z0-9+/]{43}='$/);

    // Scalar rendered the document it fetched: the API's title and a task operation.
    await page.getByRole("heading", { name: "Ownlist API" }).first().waitFor();
    await page.getByText("/api/{user_id}/tasks").first().waitFor();
    // Reports reach the test asynchronously: let a few frames pass before reading them.
    for (let frame = 0; frame < 10; frame++) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    // Scalar's bundle probes for eval once and copes without it: the policy keeps refusing it
    // ('unsafe-eval' would let any string become code). Nothing else may be refused.
    expect(
      violations.filter(
        ({ directive, blocked }) => `${directive} ${blocked}` !== "script-src eval",
      ),
    ).toEqual([]);

    // An inline script the page did not ship is refused.
    const injected = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true;";
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(injected).toBe(false);
  });

  it("shows none of Scalar's vendor buttons, with no CSP violation", async () => {
    const context = await browser.newContext();
    const violations = await watchCspViolations(context);
    const page = await context.newPage();
    await page.goto(`${apiUrl}/docs/`);
    await page.getByText("/api/{user_id}/tasks").first().waitFor();
    // Scalar's own services: its hosted client, its AI agent, its MCP offer, its toolbar.
    for (const name of [/open api client/i, /ask ai/i, /mcp/i, /developer tools/i]) {
      expect(await page.getByRole("button", { name }).count(), String(name)).toBe(0);
      expect(await page.getByRole("link", { name }).count(), String(name)).toBe(0);
    }
    for (let frame = 0; frame < 10; frame++) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    expect(
      violations.filter(
        ({ directive, blocked }) => `${directive} ${blocked}` !== "script-src eval",
      ),
    ).toEqual([]);
  });
});
