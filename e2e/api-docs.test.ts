import { describe, expect, inject, it } from "vitest";
import { watchCspViolations } from "@ownlist/test-kit/csp";
import { apiToken, seedTasks } from "@ownlist/test-kit/tasks";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newSignedInContext } from "@ownlist/test-kit/users";

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

describe("the api reference's Test Request", () => {
  it("prepares the listing with no filter, and a person with tasks gets them", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [
      { title: "Water the plants", priority: "medium" },
      { title: "Call the bank", priority: "high" },
    ]);
    const token = await apiToken(context);
    const violations = await watchCspViolations(context);
    const page = await context.newPage();
    await page.goto(`${apiUrl}/docs/`);
    await page
      .locator('[id$="/GET/api/{user_id}/tasks"]')
      .getByRole("button", { name: /test request/i })
      .first()
      .click();
    const client = page.getByRole("dialog");
    const included = (name: string) =>
      client.getByRole("checkbox", { name: `Include ${name} in request` }).isChecked();

    // No filter is in the prepared request (Scalar used to tick priority=low and order=asc);
    // what is ticked sends the api's own defaults.
    await client.getByRole("checkbox", { name: "Include status in request" }).waitFor();
    for (const name of ["q", "priority", "tag", "due_before", "due_after", "order"]) {
      expect(await included(name), name).toBe(false);
    }

    // Sent with the person's token, the listing answers their tasks.
    await client.getByPlaceholder("Token").fill(token);
    const editors = client.locator('[contenteditable="true"]');
    const userIdKey = await editors.evaluateAll((elements) =>
      elements.findIndex((element) => element.textContent === "user_id"),
    );
    await editors.nth(userIdKey + 1).click();
    await page.keyboard.type(user.id);
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "GET" && r.url().includes(`/api/${user.id}/tasks`),
      ),
      client.getByRole("button", { name: /^Send/ }).first().click(),
    ]);
    const sent = new URL(response.url());
    expect([...sent.searchParams.keys()].sort()).toEqual(["limit", "offset", "sort", "status"]);
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { title: string }[]).map((task) => task.title)).toEqual([
      "Call the bank",
      "Water the plants",
    ]);
    await client.getByText("Call the bank").first().waitFor();

    for (let frame = 0; frame < 10; frame++) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    // Fonts included: the page asks for none from elsewhere (withDefaultFonts: false).
    expect(
      violations.filter(
        ({ directive, blocked }) => `${directive} ${blocked}` !== "script-src eval",
      ),
    ).toEqual([]);
  });
});
