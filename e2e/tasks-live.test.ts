import type { Locator, Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import {
  addTask,
  openTasks,
  row,
  seedTasks,
  toast,
  waitForApi,
  waitForTitles,
} from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

/**
 * The task page with several tabs, a network that comes and goes, a screen reader, text written
 * right to left and a clock passing midnight (docs/contract.md#tabs-states-and-text-on-the-task-page).
 * Two tabs are two pages of one browser context; the network is cut by request routing.
 */
const browser = useBrowser();

/** The text of every live region of the page (toasts, the announcer, "Reconnecting…"). */
function liveText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll("[aria-live]")].map((region) => region.textContent).join(" | "),
  );
}

async function waitForLive(page: Page, text: string): Promise<void> {
  await page
    .waitForFunction(
      (expected) =>
        [...document.querySelectorAll("[aria-live]")].some((region) =>
          region.textContent?.includes(expected),
        ),
      text,
      { timeout: 5_000 },
    )
    .catch(async (error: unknown) => {
      throw new Error(`no live region says ${text}; they say ${await liveText(page)}`, {
        cause: error,
      });
    });
}

/** A row's accessible name, as Chromium computes it for assistive technology. */
async function rowName(page: Page, title: string): Promise<string> {
  const snapshot = await row(page, title).ariaSnapshot();
  return snapshot.split("\n")[0] ?? "";
}

describe("every tab in step", () => {
  it("signs every tab of the browser out when one tab signs out", async () => {
    const { context } = await newSignedInContext(browser);
    const { page: first } = await openTasks(context);
    const { page: second } = await openTasks(context);

    await first.getByRole("button", { name: "Sign out" }).click();
    await first.waitForURL(/\/sign-in/);
    // The other tab goes too, at once: no reload, no call to the api needed to find out.
    await second.waitForURL(/\/sign-in/, { timeout: 10_000 });
    await second.getByRole("textbox", { name: "Email" }).waitFor();
  });

  it("shows another tab's change, and another device's when the tab regains focus", async () => {
    const { context, user } = await newSignedInContext(browser);
    const { page: first } = await openTasks(context);
    const { page: second } = await openTasks(context);

    // Another device (the api directly): the background tab catches up when it is looked at.
    await seedTasks(context, user.id, [{ title: "From the phone" }]);
    await second.bringToFront();
    // Headless Chromium gives a tab brought to front no focus event of its own: send the one a
    // person's click on the window would.
    await second.evaluate(() => window.dispatchEvent(new Event("focus")));
    await waitForTitles(second, ["From the phone"]);

    // Another tab of this browser: the change shows without touching the second tab.
    await first.bringToFront();
    await addTask(first, "From the first tab");
    await waitForTitles(second, ["From the first tab", "From the phone"]);
  });
});

describe("states a screen reader hears", () => {
  it("names each row with its state and announces every change", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [{ title: "Walk the dog" }, { title: "Buy milk" }]);
    const { page } = await openTasks(context);
    await waitForTitles(page, ["Buy milk", "Walk the dog"]);
    expect(await rowName(page, "Buy milk")).toContain("Buy milk, pending");

    // Complete with x on the focused row.
    await row(page, "Buy milk").focus();
    await Promise.all([waitForApi(page, "PATCH", /\/complete$/), page.keyboard.press("x")]);
    await waitForLive(page, "Completed “Buy milk”.");
    expect(await rowName(page, "Buy milk")).toContain("Buy milk, completed");

    // Reopen.
    await Promise.all([waitForApi(page, "PATCH", /\/complete$/), page.keyboard.press("x")]);
    await waitForLive(page, "Reopened “Buy milk”.");
    expect(await rowName(page, "Buy milk")).toContain("Buy milk, pending");

    // Add.
    await addTask(page, "Call mum");
    await waitForLive(page, "Added “Call mum”.");

    // Edit.
    await row(page, "Call mum").focus();
    await page.keyboard.press("e");
    const title = page.getByRole("textbox", { name: /title/i }).and(page.locator(":focus"));
    await title.fill("Call mum back");
    await Promise.all([waitForApi(page, "PATCH", /\/tasks\/[^/]+$/), title.press("Enter")]);
    await waitForLive(page, "Saved “Call mum back”.");

    // Delete: said by its toast, which carries the Undo.
    await row(page, "Walk the dog").focus();
    await page.keyboard.press("Delete");
    await waitForLive(page, "Deleted “Walk the dog”");
  });

  it("says so, with Undo, when x completes a task out of the Pending view", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [{ title: "Water plants" }, { title: "File taxes" }]);
    const { page } = await openTasks(context, "?status=pending");
    await waitForTitles(page, ["File taxes", "Water plants"]);

    await row(page, "File taxes").focus();
    await Promise.all([waitForApi(page, "PATCH", /\/complete$/), page.keyboard.press("x")]);
    await waitForTitles(page, ["Water plants"]);
    const notice = toast(page).filter({ hasText: "Completed “File taxes”." });
    await waitForLive(page, "Completed “File taxes”.");
    await Promise.all([
      waitForApi(page, "PATCH", /\/complete$/),
      notice.getByRole("button", { name: "Undo" }).click(),
    ]);
    await waitForTitles(page, ["File taxes", "Water plants"]);
  });
});

describe("clear states when the api is out of reach", () => {
  it("shows an error with Try again on a filter change offline, and recovers by itself", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [
      { title: "Old report", completed: true },
      { title: "Pay rent" },
    ]);
    const { page } = await openTasks(context);
    await waitForTitles(page, ["Pay rent", "Old report"]);

    let down = true;
    await page.route(/\/api\/[^/]+\/tasks\?/, (route: Route) =>
      down && route.request().method() === "GET"
        ? route.abort("internetdisconnected")
        : route.fallback(),
    );
    await page
      .getByRole("navigation", { name: "Filter by status" })
      .getByRole("link", { name: /Completed/ })
      .click();
    const alert = page.getByRole("alert").filter({ hasText: "Could not load your tasks." });
    await alert.getByRole("button", { name: "Try again" }).waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="task-list"] li[data-task-id]').count()).toBe(0);

    // The connection returns: the list comes back with nobody pressing anything.
    down = false;
    await waitForTitles(page, ["Old report"]);
    await alert.waitFor({ state: "detached" });
  });

  it("says so on a server error too, and recovers by itself", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [{ title: "Book flights" }, { title: "Renew passport" }]);
    const { page } = await openTasks(context);

    let failing = true;
    await page.route(/\/api\/[^/]+\/tasks\?/, (route: Route) =>
      failing && route.request().method() === "GET"
        ? route.fulfill({
            status: 500,
            contentType: "application/problem+json",
            body: JSON.stringify({
              type: "about:blank",
              title: "Internal Server Error",
              status: 500,
            }),
          })
        : route.fallback(),
    );
    const search = page.getByRole("searchbox", { name: "Search tasks" });
    await search.fill("passport");
    await search.press("Enter");
    const alert = page.getByRole("alert").filter({ hasText: "The server is having trouble." });
    await alert.getByRole("button", { name: "Try again" }).waitFor();

    failing = false;
    await waitForTitles(page, ["Renew passport"]);
  });
});

describe("text as people write it", () => {
  it("lays out Hebrew and Arabic right to left, wherever a title or description shows", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [
      { title: "Buy bread" },
      { title: "לקנות חלב", description: "شراء الحليب من السوق" },
    ]);
    const { page } = await openTasks(context);
    await waitForTitles(page, ["לקנות חלב", "Buy bread"]);
    const isRtl = (locator: Locator) => locator.evaluate((element) => element.matches(":dir(rtl)"));

    const hebrew = row(page, "לקנות חלב");
    expect(await hebrew.locator('p[id$="-title"]').evaluate((p) => p.matches(":dir(rtl)"))).toBe(
      true,
    );
    expect(await hebrew.getByText("شراء الحليب").evaluate((p) => p.matches(":dir(rtl)"))).toBe(
      true,
    );
    expect(
      await row(page, "Buy bread")
        .locator('p[id$="-title"]')
        .evaluate((p) => p.matches(":dir(rtl)")),
    ).toBe(false);

    // The add field and the editor follow what is typed.
    await page.getByLabel("New task title").fill("משימה חדשה");
    expect(await isRtl(page.getByLabel("New task title"))).toBe(true);
    await hebrew.focus();
    await page.keyboard.press("e");
    const editor = page.getByRole("form", { name: "Edit “לקנות חלב”" });
    expect(await isRtl(editor.getByRole("textbox", { name: "Title" }))).toBe(true);
    expect(await isRtl(editor.getByRole("textbox", { name: /Description/ }))).toBe(true);
  });

  it("rolls due labels over at the person's midnight, without a reload", async () => {
    const timezoneId = "America/Los_Angeles";
    const { context, user } = await newSignedInContext({
      newContext: () => browser.newContext({ timezoneId }),
    });
    // A minute before midnight in Los Angeles: already the next day in UTC.
    await context.clock.install({ time: new Date("2026-12-07T23:59:00-08:00") });
    await seedTasks(context, user.id, [
      { title: "Tomorrow's call", due_date: "2026-12-08" },
      { title: "Today's report", due_date: "2026-12-07" },
    ]);
    const { page } = await openTasks(context);
    const label = (title: string) => row(page, title).locator("[title]").first();
    await waitForTitles(page, ["Today's report", "Tomorrow's call"]);
    expect(await label("Today's report").textContent()).toBe("Due Today");
    expect(await label("Tomorrow's call").textContent()).toBe("Due Tomorrow");

    await page.clock.fastForward("02:00");
    await label("Today's report").filter({ hasText: "Overdue · Yesterday" }).waitFor();
    expect(await label("Tomorrow's call").textContent()).toBe("Due Today");
  });
});
