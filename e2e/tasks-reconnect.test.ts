import type { Route } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { apiToken, openTasks, row } from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

/**
 * The network drops while a task is added (docs/contract.md#retries-from-the-browser): the page
 * says "Reconnecting…", retries with the same Idempotency-Key, and once the network is back the
 * task exists exactly once.
 */
const browser = useBrowser();

describe("adding a task while the network drops", () => {
  it("says Reconnecting…, retries with one key, and stores the task exactly once", async () => {
    const signedIn = await newSignedInContext(browser);
    const { context } = signedIn;
    const { page } = await openTasks(context);

    // The network is down for creates until the page has said it is reconnecting.
    let networkDown = true;
    const keys: Array<string | null> = [];
    let dropped = 0;
    await page.route("**/api/*/tasks", async (route: Route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.fallback();
      keys.push(await request.headerValue("idempotency-key"));
      if (networkDown) {
        dropped += 1;
        return route.abort("internetdisconnected");
      }
      return route.fallback();
    });

    const input = page.getByLabel("New task title");
    await input.fill("Water the plants");
    await input.press("Enter");

    const reconnecting = page.getByRole("status").filter({ hasText: "Reconnecting…" });
    await reconnecting.waitFor();
    // Shown optimistically meanwhile, not rolled back.
    await row(page, "Water the plants").waitFor();
    expect(dropped).toBeGreaterThanOrEqual(1);

    networkDown = false;
    await row(page, "Water the plants")
      .getByRole("checkbox")
      .and(page.locator(":enabled"))
      .waitFor();
    await reconnecting.waitFor({ state: "detached" });

    // Every attempt carried the same fresh key.
    expect(keys.length).toBe(dropped + 1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);

    // The api's own listing: exactly one such task.
    const response = await fetch(
      `${inject("apiUrl")}/api/${signedIn.user.id}/tasks?q=${encodeURIComponent("Water the plants")}`,
      { headers: { authorization: `Bearer ${await apiToken(context)}` } },
    );
    const tasks = (await response.json()) as Array<{ title: string }>;
    expect(tasks.map((task) => task.title)).toEqual(["Water the plants"]);

    // And the page shows it once, after a reload too.
    await page.reload();
    await row(page, "Water the plants").waitFor();
    expect(await page.locator('[data-testid="task-list"] li[data-task-id]').count()).toBe(1);
  });
});
