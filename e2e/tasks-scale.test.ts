import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import {
  openTasks,
  pathOf,
  seedTasks,
  waitForItemsLeft,
  waitForListSettled,
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
  "walks a thousand loaded tasks with the keyboard, rows windowed, place and state told",
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
        // Rows of different heights: the window measures them.
        description: i % 3 === 0 ? "A longer note\nover two lines" : undefined,
      })),
    );
    const { page, errors } = await openTasks(context, "?sort=title");
    // Every page, with the "Load more" button (focused without scrolling, pressed with Enter).
    for (let loaded = 50; loaded < count; loaded += 50) {
      await page
        .getByRole("button", { name: `Load more (${count - loaded} more)` })
        .evaluate((button: HTMLElement) => button.focus({ preventScroll: true }));
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        (label) =>
          !Array.from(document.querySelectorAll("button"), (b) => b.textContent).some(
            (text) => text === label || text === "Loading…",
          ),
        `Load more (${count - loaded} more)`,
      );
    }
    await waitForListSettled(page);
    // Windowed: a thousand tasks in the list, far fewer rows in the document, each with its place.
    const rendered = await page
      .locator(ROWS)
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute("aria-posinset"), row.getAttribute("aria-setsize")]),
      );
    expect(rendered.length).toBeLessThan(100);
    expect(rendered[0]).toEqual(["1", String(count)]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    /** The focused row: its title, place in the list, accessible name, and whether it is seen. */
    const focused = () =>
      page.evaluate(() => {
        const row = document.activeElement?.closest<HTMLElement>("[data-task-id]");
        const box = document.activeElement?.getBoundingClientRect();
        return {
          title: row?.querySelector('p[id$="-title"]')?.textContent ?? null,
          position: row?.getAttribute("aria-posinset") ?? null,
          name: row?.getAttribute("aria-label") ?? null,
          inView: box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight,
        };
      });
    const waitForFocus = (position: number) =>
      page.waitForFunction(
        (p) => document.activeElement?.getAttribute("aria-posinset") === String(p),
        position,
      );
    const expectFocus = async (position: number) => {
      await waitForFocus(position);
      // Measured rows settle the scroll a frame or two after focus.
      await page.waitForFunction(() => {
        const box = document.activeElement?.getBoundingClientRect();
        return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
      });
      const row = await focused();
      expect(row.title).toBe(`Task ${String(position).padStart(4, "0")}`);
      expect(row.position).toBe(String(position));
      expect(row.inView).toBe(true);
    };

    // The first j lands on the first row; each further one moves one row, even pressed quickly,
    // past the end of the rows first rendered.
    await page.keyboard.press("j");
    for (let i = 0; i < 40; i++) await page.keyboard.press("j");
    await expectFocus(41);
    for (let i = 0; i < 5; i++) await page.keyboard.press("k");
    await expectFocus(36);

    // End goes to the last task (never rendered before), k back one, j forward again.
    await page.keyboard.press("End");
    await expectFocus(1000);
    expect(await page.locator(`${ROWS}[aria-posinset="1"]`).count()).toBe(0);
    await page.keyboard.press("k");
    await expectFocus(999);
    await page.keyboard.press("j");
    await expectFocus(1000);

    // On that windowed row, x completes it: the name says so and the announcer tells.
    await page.keyboard.press("x");
    await page.waitForFunction(
      () => document.activeElement?.getAttribute("aria-label") === "Task 1000, completed",
    );
    await page.getByTestId("announcer").filter({ hasText: "Completed “Task 1000”." }).waitFor();

    // Scrolled away by the page (a wheel, a swipe), the focused row stays in the document.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => document.querySelector('[aria-posinset="1"]') !== null);
    expect((await focused()).position).toBe("1000");
    await page.keyboard.press("k");
    await expectFocus(999);

    // Home to the first, j on.
    await page.keyboard.press("Home");
    await expectFocus(1);
    await page.keyboard.press("j");
    await expectFocus(2);

    // One row in the tab order, the selected one; the others are reached with the keys above.
    const tabbable = await page
      .locator(`${ROWS}[tabindex="0"]`)
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("aria-posinset")));
    expect(tabbable).toEqual(["2"]);
    expect(errors).toEqual([]);
  },
);
