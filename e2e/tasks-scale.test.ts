import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import {
  openTasks,
  pathOf,
  seedTasks,
  waitForItemsLeft,
  waitForTitles,
} from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

const browser = useBrowser();

const ROWS = '[data-testid="task-list"] li[data-task-id]';

const tagOptions = (page: Page) =>
  page
    .getByLabel("Filter by tag")
    .locator("option")
    .evaluateAll((options) => options.map((option) => option.textContent));

it("offers every tag the person has in the tag filter, not only the loaded page's", async () => {
  const { context, user } = await newSignedInContext(browser);
  // The oldest task alone carries "archive"; newest first, it is not on the first page.
  await seedTasks(context, user.id, [
    { title: "Old one", tags: ["archive", "Home"] },
    ...Array.from({ length: 60 }, (_, i) => ({ title: `Task ${i + 1}`, tags: ["home"] })),
  ]);
  const { page, errors } = await openTasks(context);
  await waitForItemsLeft(page, "61 items left");
  expect(await page.locator(ROWS).count()).toBe(50);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('select[aria-label="Filter by tag"] option')].some(
      (option) => option.textContent === "#archive",
    ),
  );
  // "home" and "Home" are one tag, as the filter matches them.
  expect(await tagOptions(page)).toEqual(["Any tag", "#archive", "#Home"]);

  await page.getByLabel("Filter by tag").selectOption("archive");
  await waitForTitles(page, ["Old one"]);
  expect(pathOf(page)).toBe("/tasks?tag=archive");
  expect(errors).toEqual([]);
});

it("finds a task by its tag in the search box", async () => {
  const { context, user } = await newSignedInContext(browser);
  await seedTasks(context, user.id, [
    { title: "Repot the basil", tags: ["Gardening"] },
    { title: "Buy milk", tags: ["errands"] },
    { title: "Read about gardens" },
  ]);
  const { page, errors } = await openTasks(context);
  await waitForTitles(page, ["Read about gardens", "Buy milk", "Repot the basil"]);

  await page.getByLabel("Search tasks").fill("ERRAND");
  await waitForTitles(page, ["Buy milk"]);
  await page.getByLabel("Search tasks").fill("garden");
  await waitForTitles(page, ["Read about gardens", "Repot the basil"]);
  expect(errors).toEqual([]);
});

it(
  "moves the keyboard's selection through a thousand loaded tasks",
  { timeout: 240_000 },
  async () => {
    const { context, user } = await newSignedInContext(browser);
    const count = 1_000;
    await seedTasks(
      context,
      user.id,
      Array.from({ length: count }, (_, i) => ({
        title: `Task ${String(i + 1).padStart(4, "0")}`,
        tags: [`tag-${i % 7}`],
        due_date: i % 2 === 0 ? "2026-12-24" : undefined,
      })),
    );
    const { page, errors } = await openTasks(context, "?sort=title");
    // Every page, with the "Load more" button (focused without scrolling, pressed with Enter).
    for (let loaded = 50; loaded < count; loaded += 50) {
      await page
        .getByRole("button", { name: /^Load more/ })
        .evaluate((button: HTMLElement) => button.focus({ preventScroll: true }));
      await page.keyboard.press("Enter");
      await page.waitForFunction(({ rows, n }) => document.querySelectorAll(rows).length >= n, {
        rows: ROWS,
        n: loaded + 50,
      });
    }
    expect(await page.locator(ROWS).count()).toBe(count);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    const focusedTitle = () =>
      page.evaluate(
        () =>
          document.activeElement?.closest("[data-task-id]")?.querySelector('p[id$="-title"]')
            ?.textContent ?? null,
      );
    const inView = () =>
      page.evaluate(() => {
        const box = document.activeElement?.getBoundingClientRect();
        return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
      });

    // The first j lands on the first row; each further one moves one row, even pressed quickly.
    await page.keyboard.press("j");
    for (let i = 0; i < 30; i++) await page.keyboard.press("j");
    await page.waitForFunction(
      () => document.activeElement?.textContent?.includes("Task 0031") ?? false,
    );
    expect(await focusedTitle()).toBe("Task 0031");
    expect(await inView()).toBe(true);

    // End goes to the last task, k back one, Home to the first: each focused and on screen.
    await page.keyboard.press("End");
    await page.waitForFunction(() => document.activeElement?.textContent?.includes("Task 1000"));
    expect(await inView()).toBe(true);
    await page.keyboard.press("k");
    await page.waitForFunction(() => document.activeElement?.textContent?.includes("Task 0999"));
    expect(await inView()).toBe(true);
    await page.keyboard.press("Home");
    await page.waitForFunction(() => document.activeElement?.textContent?.includes("Task 0001"));
    expect(await inView()).toBe(true);

    // One row in the tab order, the selected one; the others are reached with the keys above.
    const tabbable = await page
      .locator(`${ROWS}[tabindex="0"]`)
      .evaluateAll((rows) => rows.map((row) => row.querySelector('p[id$="-title"]')?.textContent));
    expect(tabbable).toEqual(["Task 0001"]);
    expect(errors).toEqual([]);
  },
);
