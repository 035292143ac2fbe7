import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { openTasks, seedTasks, waitForItemsLeft, waitForTitles } from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

const browser = useBrowser();

const rowCount = (page: Page) => page.locator('[data-testid="task-list"] li[data-task-id]').count();

it("loads a long list page by page as it scrolls, without gaps or repeats", async () => {
  const { context, user } = await newSignedInContext(browser);
  const tasks = Array.from({ length: 130 }, (_, i) => ({
    title: `Task ${String(i + 1).padStart(3, "0")}`,
  }));
  await seedTasks(context, user.id, tasks);
  const { page, errors } = await openTasks(context, "?sort=title");

  await waitForItemsLeft(page, "130 items left");
  expect(await rowCount(page)).toBe(50);
  await page.getByRole("button", { name: "Load more (80 more)" }).waitFor();

  // Scrolling to the end fetches the next page by itself.
  await page.getByRole("button", { name: /^Load more/ }).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="task-list"] li[data-task-id]').length >= 100,
  );

  // The button does the same for keyboards. Focused without scrolling and pressed with Enter:
  // a click would scroll it into view, start the scroll-triggered load too, and lose its target
  // when that load replaced the button (a flaky run did exactly that).
  await page
    .getByRole("button", { name: "Load more (30 more)" })
    .evaluate((button: HTMLElement) => button.focus({ preventScroll: true }));
  await page.keyboard.press("Enter");
  await waitForTitles(
    page,
    tasks.map((task) => task.title),
  );
  expect(await page.getByRole("button", { name: /^Load more/ }).count()).toBe(0);
  const ids = await page
    .locator("li[data-task-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-task-id")));
  expect(new Set(ids).size).toBe(130);
  expect(errors).toEqual([]);
});
