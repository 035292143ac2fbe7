import type { BrowserContext } from "playwright-core";
import { expect, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import {
  addTask,
  openTasks,
  pathOf,
  type PageWatch,
  row,
  shownTitles,
  waitForApi,
  waitForItemsLeft,
  waitForListSettled,
  waitForTitles,
} from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

const browser = useBrowser();

const contexts: BrowserContext[] = [];

async function person(name: string): Promise<PageWatch> {
  const { context } = await newSignedInContext(browser, { name });
  contexts.push(context);
  return openTasks(context);
}

/** One person's whole day with the list, run for two people side by side. */
async function manageOwnList(watch: PageWatch, prefix: string): Promise<void> {
  const { page } = watch;
  await page.getByTestId("empty-state").waitFor();

  // Add: Enter submits, the title is trimmed, details are optional.
  await addTask(page, `  ${prefix} buy milk  `.trim());
  await addTask(page, `${prefix} call plumber`);
  await page.getByRole("button", { name: "Details" }).click();
  await page.getByLabel("New task title").fill(`${prefix} file taxes`);
  await page.getByLabel("Priority").first().selectOption("high");
  await page.getByLabel("Tags").first().fill("money, home");
  await Promise.all([
    waitForApi(page, "POST", /\/tasks$/),
    page.getByRole("button", { name: "Add" }).click(),
  ]);
  await waitForTitles(page, [
    `${prefix} file taxes`,
    `${prefix} call plumber`,
    `${prefix} buy milk`,
  ]);
  await waitForItemsLeft(page, "3 items left");

  // Edit in place: double-click, change, Enter saves.
  await row(page, `${prefix} call plumber`).getByText(`${prefix} call plumber`).dblclick();
  const title = page.getByRole("textbox", { name: "Title", exact: true });
  await title.fill(`${prefix} call the plumber`);
  await Promise.all([waitForApi(page, "PATCH", /\/tasks\/[^/]+$/), title.press("Enter")]);
  await waitForTitles(page, [
    `${prefix} file taxes`,
    `${prefix} call the plumber`,
    `${prefix} buy milk`,
  ]);

  // Complete one.
  await Promise.all([
    waitForApi(page, "PATCH", /\/complete$/),
    page.getByRole("checkbox", { name: `${prefix} buy milk` }).check(),
  ]);
  await waitForItemsLeft(page, "2 items left");
  expect(await page.getByRole("progressbar").getAttribute("aria-valuetext")).toBe(
    "1 of 3 tasks completed",
  );

  // Filter by status: the URL says so, reload and back/forward keep it.
  await page.getByRole("link", { name: /^Completed/ }).click();
  await waitForTitles(page, [`${prefix} buy milk`]);
  expect(pathOf(page)).toBe("/tasks?status=completed");
  await page.reload();
  await waitForListSettled(page);
  await waitForTitles(page, [`${prefix} buy milk`]);
  await page.getByRole("link", { name: /^Pending/ }).click();
  await waitForTitles(page, [`${prefix} file taxes`, `${prefix} call the plumber`]);
  await page.goBack();
  await waitForTitles(page, [`${prefix} buy milk`]);
  expect(pathOf(page)).toBe("/tasks?status=completed");
  await page.goForward();
  await waitForTitles(page, [`${prefix} file taxes`, `${prefix} call the plumber`]);
  await page.getByRole("link", { name: /^All/ }).click();

  // Search (debounced, in the URL) and filter by priority and tag.
  await page.getByRole("searchbox", { name: "Search tasks" }).fill("PLUMBER");
  await waitForTitles(page, [`${prefix} call the plumber`]);
  expect(pathOf(page)).toBe("/tasks?q=PLUMBER");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await waitForTitles(page, [
    `${prefix} file taxes`,
    `${prefix} call the plumber`,
    `${prefix} buy milk`,
  ]);
  await page.getByLabel("Filter by priority").selectOption("high");
  await waitForTitles(page, [`${prefix} file taxes`]);
  await page.getByLabel("Filter by priority").selectOption("");
  await row(page, `${prefix} file taxes`)
    .getByRole("button", { name: "Show tasks tagged money" })
    .click();
  await waitForTitles(page, [`${prefix} file taxes`]);
  expect(pathOf(page)).toBe("/tasks?tag=money");
  await page.getByRole("button", { name: "Clear filters" }).click();

  // Sort by title.
  await page.getByLabel("Sort").selectOption("title:asc");
  await waitForTitles(page, [
    `${prefix} buy milk`,
    `${prefix} call the plumber`,
    `${prefix} file taxes`,
  ]);

  // Delete, and let the undo window close at once by dismissing its notice.
  await row(page, `${prefix} call the plumber`)
    .getByRole("button", { name: /^Delete/ })
    .click();
  await waitForTitles(page, [`${prefix} buy milk`, `${prefix} file taxes`]);
  await Promise.all([
    waitForApi(page, "DELETE", /\/tasks\/[^/]+$/),
    page.getByRole("button", { name: "Dismiss notification" }).click(),
  ]);
  await page.reload();
  await waitForListSettled(page);
  await waitForTitles(page, [`${prefix} buy milk`, `${prefix} file taxes`]);
}

it("lets two people manage their own lists at once, each seeing only their own tasks", async () => {
  const [ada, bob] = await Promise.all([person("Ada"), person("Bob")]);
  await Promise.all([manageOwnList(ada, "Ada:"), manageOwnList(bob, "Bob:")]);

  for (const [watch, other] of [
    [ada, "Bob:"],
    [bob, "Ada:"],
  ] as const) {
    await watch.page.goto(watch.page.url().replace(/\?.*$/, ""));
    await waitForListSettled(watch.page);
    const titles = await shownTitles(watch.page);
    expect(titles).toHaveLength(2);
    expect(titles.some((title) => title.startsWith(other))).toBe(false);
    expect(watch.errors).toEqual([]);
  }
});
