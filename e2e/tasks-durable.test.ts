import { createDb } from "@ownlist/db/client";
import { session } from "@ownlist/db/schema";
import { eq } from "drizzle-orm";
import type { BrowserContext, Page, Request } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import {
  apiToken,
  openTasks,
  row,
  seedTasks,
  toast,
  waitForApi,
  waitForListSettled,
  waitForTitles,
} from "@ownlist/test-kit/tasks";
import { newSignedInContext, signInViaApi } from "@ownlist/test-kit/users";

/**
 * Nothing a person typed or did is lost (issue 17, decision 035): a failed save keeps the editor
 * with a Retry; drafts survive a reload, a crashed tab and an expired session, and go on
 * sign-out; "Clear completed" is one request that a reload inside its undo window completes.
 */
const browser = useBrowser();

const apiUrl = () => inject("apiUrl");
const webUrl = () => inject("webUrl");

/** The api's own count of this person's tasks with this status. */
async function countOnApi(context: BrowserContext, userId: string, status: string) {
  const response = await fetch(`${apiUrl()}/api/${userId}/tasks?status=${status}&limit=1`, {
    headers: { authorization: `Bearer ${await apiToken(context)}` },
  });
  await response.arrayBuffer();
  return Number(response.headers.get("x-total-count"));
}

/** Every request this page sends to the api with this method. */
function apiRequests(page: Page, method: string): Request[] {
  const seen: Request[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(apiUrl()) && request.method() === method) seen.push(request);
  });
  return seen;
}

const titleField = (page: Page) => page.getByRole("textbox", { name: "Title", exact: true });
const descriptionField = (page: Page) =>
  page.getByRole("form", { name: /^Edit/ }).getByLabel("Description");

async function editTitle(page: Page, from: string, to: string, description?: string) {
  await row(page, from)
    .getByRole("button", { name: `Edit “${from}”` })
    .click();
  await titleField(page).fill(to);
  if (description !== undefined) await descriptionField(page).fill(description);
}

describe("an edit the api never got", () => {
  it("keeps the editor open with everything typed and a Retry when the network is cut", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [{ title: "Fix the bike" }]);
    // The page's clock, so that its retries' waits can be skipped rather than sat through.
    await context.clock.install();
    const { page } = await openTasks(context);
    await editTitle(page, "Fix the bike", "Fix the bike chain", "Oil it too");

    // The network is cut for every change to this task.
    await page.route(`${apiUrl()}/api/*/tasks/*`, (route) =>
      route.request().method() === "PATCH" ? route.abort("internetdisconnected") : route.fallback(),
    );
    await titleField(page).press("Enter");
    // The browser retries with backoff for a while before it gives up
    // (docs/contract.md#retries-from-the-browser): its clock is moved on past each wait.
    const failure = page.getByRole("alert").filter({ hasText: "Not saved" });
    for (let step = 0; step < 20 && !(await failure.isVisible()); step++) {
      await page.clock.fastForward("00:05");
    }
    await failure.waitFor();
    expect(await titleField(page).inputValue()).toBe("Fix the bike chain");
    expect(await descriptionField(page).inputValue()).toBe("Oil it too");

    await page.unroute(`${apiUrl()}/api/*/tasks/*`);
    const [saved] = await Promise.all([
      waitForApi(page, "PATCH", /\/tasks\/[^/]+$/),
      page.getByRole("button", { name: "Retry" }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await page.reload();
    await waitForTitles(page, ["Fix the bike chain"]);
  }, 90_000);
});

describe("drafts", () => {
  it("brings back the add field and an open editor after a reload and after a crashed tab", async () => {
    const { context, user } = await newSignedInContext(browser);
    await seedTasks(context, user.id, [{ title: "Call the plumber" }]);
    const { page } = await openTasks(context);
    await page.getByLabel("New task title").fill("A long idea I have not finished typing");
    await editTitle(page, "Call the plumber", "Call the plumber about the boiler");

    await page.reload();
    await waitForListSettled(page);
    await titleField(page).waitFor();
    expect(await titleField(page).inputValue()).toBe("Call the plumber about the boiler");
    expect(await page.getByLabel("New task title").inputValue()).toBe(
      "A long idea I have not finished typing",
    );

    // The renderer crashes; the person opens the page again in a new tab.
    const cdp = await context.newCDPSession(page);
    const crashed = page.waitForEvent("crash");
    void cdp.send("Page.crash").catch(() => undefined);
    await crashed;
    const { page: again } = await openTasks(context);
    await titleField(again).waitFor();
    expect(await titleField(again).inputValue()).toBe("Call the plumber about the boiler");
    expect(await again.getByLabel("New task title").inputValue()).toBe(
      "A long idea I have not finished typing",
    );
  });

  it("after an expired session, signs in again where the person was, says why, and restores the edit", async () => {
    const signedIn = await newSignedInContext(browser);
    const { context, user } = signedIn;
    await seedTasks(context, user.id, [{ title: "Renew passport" }]);
    const { page } = await openTasks(context, "?status=pending");
    await editTitle(page, "Renew passport", "Renew passport before March");

    // The server ends the session (its row goes); the api refuses the token it had issued.
    const db = createDb(inject("e2eDatabaseUrl"), { max: 1 });
    try {
      const ended = await db.db.delete(session).where(eq(session.userId, user.id)).returning();
      expect(ended.length).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    await page.route(`${apiUrl()}/api/*/tasks/*`, (route) =>
      route.request().method() === "PATCH"
        ? route.fulfill({
            status: 401,
            contentType: "application/problem+json",
            headers: {
              "www-authenticate": 'Bearer realm="ownlist", error="invalid_token"',
              "access-control-allow-origin": webUrl(),
              "access-control-expose-headers": "www-authenticate",
            },
            body: JSON.stringify({ type: "about:blank", title: "Unauthorized", status: 401 }),
          })
        : route.fallback(),
    );
    await titleField(page).press("Enter");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page
      .getByText("Your session expired — sign in again; your unsaved changes are kept.")
      .waitFor();
    await page.unroute(`${apiUrl()}/api/*/tasks/*`);

    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/tasks");
    expect(new URL(page.url()).search).toBe("?status=pending");
    await titleField(page).waitFor();
    expect(await titleField(page).inputValue()).toBe("Renew passport before March");
    await Promise.all([
      waitForApi(page, "PATCH", /\/tasks\/[^/]+$/),
      titleField(page).press("Enter"),
    ]);
    await waitForTitles(page, ["Renew passport before March"]);
  });

  it("forgets every draft on sign-out", async () => {
    const signedIn = await newSignedInContext(browser);
    const { context, user } = signedIn;
    const { page } = await openTasks(context);
    await page.getByLabel("New task title").fill("Private thought");
    await page.waitForFunction(() =>
      Object.keys(localStorage).some((key) => key.startsWith("ownlist:drafts:")),
    );
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith("ownlist:drafts:")),
      ),
    ).toEqual([]);
    await signInViaApi(context, user);
    const { page: back } = await openTasks(context);
    await waitForListSettled(back);
    expect(await back.getByLabel("New task title").inputValue()).toBe("");
  });

  it("lets Esc leave the add field without wiping a long title", async () => {
    const { context } = await newSignedInContext(browser);
    const { page } = await openTasks(context);
    const input = page.getByLabel("New task title");
    const long = "Write the quarterly report, with the figures from every team in it";
    await input.fill(long);
    await input.press("Escape");
    expect(await input.inputValue()).toBe(long);
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(false);
  });
});

describe("Clear completed", () => {
  const completed = Array.from({ length: 24 }, (_, i) => ({
    title: `Done ${i + 1}`,
    completed: true,
  }));

  it("is one request, and a reload inside the undo window still deletes all 24", async () => {
    const signedIn = await newSignedInContext(browser);
    const { context, user } = signedIn;
    await seedTasks(context, user.id, [{ title: "Still to do" }, ...completed]);
    const { page } = await openTasks(context);
    const deletes = apiRequests(page, "DELETE");
    await page.getByRole("button", { name: "Clear completed (24)" }).click();
    await toast(page).filter({ hasText: "Cleared 24" }).waitFor();
    await waitForTitles(page, ["Still to do"]);

    await page.reload();
    await expect.poll(() => countOnApi(context, user.id, "completed")).toBe(0);
    expect(await countOnApi(context, user.id, "pending")).toBe(1);
    // The one bulk request (a keepalive request from a page being left may go unseen here).
    expect(deletes.length).toBeLessThanOrEqual(1);
    for (const request of deletes) expect(new URL(request.url()).search).toBe("?status=completed");
    await page.reload();
    await waitForListSettled(page);
    await waitForTitles(page, ["Still to do"]);
  });

  it("puts all 24 back on Undo, and asks the api for nothing", async () => {
    const signedIn = await newSignedInContext(browser);
    const { context, user } = signedIn;
    await seedTasks(context, user.id, [{ title: "Still to do" }, ...completed]);
    const { page } = await openTasks(context);
    const deletes = apiRequests(page, "DELETE");
    await page.getByRole("button", { name: "Clear completed (24)" }).click();
    await toast(page)
      .filter({ hasText: "Cleared 24" })
      .getByRole("button", { name: "Undo" })
      .click();
    await page.getByRole("button", { name: "Clear completed (24)" }).waitFor();
    await page.reload();
    await waitForListSettled(page);
    await page.getByRole("button", { name: "Clear completed (24)" }).waitFor();
    expect(await countOnApi(context, user.id, "completed")).toBe(24);
    expect(deletes).toEqual([]);
  });
});
