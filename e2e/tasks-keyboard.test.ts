import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { openTasks, waitForApi, waitForItemsLeft, waitForTitles } from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

const browser = useBrowser();

let context: BrowserContext;

beforeAll(async () => {
  context = (await newSignedInContext(browser)).context;
});

/**
 * What has focus: `input:<name or label>` for a field, `row:<title>` for a task row; given
 * `expected`, whether that is what has focus. Runs in the page, so it is passed as a function:
 * Playwright re-evaluates a string predicate with eval on every poll, which the page's
 * Content-Security-Policy refuses (docs/decisions/019).
 */
function describeFocus(expected?: string): string | boolean {
  const element = document.activeElement;
  let description = `${element?.tagName.toLowerCase()}:${element?.textContent ?? ""}`;
  const row = element?.closest("[data-task-id]");
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    description = `input:${element.getAttribute("aria-label") ?? element.name}`;
  } else if (row) {
    description = `row:${row.querySelector('p[id$="-title"]')?.textContent ?? ""}`;
  }
  return expected === undefined ? description : description === expected;
}

async function waitForFocus(page: Page, expected: string): Promise<void> {
  await page
    .waitForFunction(describeFocus, expected, { timeout: 5_000 })
    .catch(async (error: unknown) => {
      throw new Error(`expected focus on ${expected}, it is on ${await focused(page)}`, {
        cause: error,
      });
    });
}

async function focused(page: Page): Promise<string> {
  return String(await page.evaluate(describeFocus, undefined));
}

it("can be used from the keyboard alone", async () => {
  const { page, errors } = await openTasks(context);
  const press = (key: string) => page.keyboard.press(key);

  // n: new task; Enter adds and keeps focus for the next one.
  await press("n");
  await waitForFocus(page, "input:title");
  for (const title of ["First", "Second", "Third"]) {
    await page.keyboard.type(title);
    await Promise.all([waitForApi(page, "POST", /\/tasks$/), press("Enter")]);
  }
  await waitForTitles(page, ["Third", "Second", "First"]);
  await press("Escape"); // leaves the empty field

  // j/k and arrows move between rows.
  await press("j");
  await waitForFocus(page, "row:Third");
  await press("j");
  await waitForFocus(page, "row:Second");
  await press("k");
  await waitForFocus(page, "row:Third");
  await press("ArrowDown");
  await press("ArrowDown");
  await waitForFocus(page, "row:First");
  await press("ArrowUp");
  await waitForFocus(page, "row:Second");

  // x toggles the selected task.
  await Promise.all([waitForApi(page, "PATCH", /\/complete$/), press("x")]);
  await waitForItemsLeft(page, "2 items left");

  // e edits in place; Enter saves and gives focus back to the row; Esc cancels.
  await press("e");
  await waitForFocus(page, "input:title");
  await page.keyboard.press("End");
  await page.keyboard.type(" (edited)");
  await Promise.all([waitForApi(page, "PATCH", /\/tasks\/[^/]+$/), press("Enter")]);
  await waitForFocus(page, "row:Second (edited)");
  await press("e");
  await page.keyboard.type(" never saved");
  await press("Escape");
  await waitForFocus(page, "row:Second (edited)");
  await waitForTitles(page, ["Third", "Second (edited)", "First"]);

  // Delete removes it (focus moves to its neighbour); Ctrl+Z brings it back.
  await press("Delete");
  await waitForTitles(page, ["Third", "First"]);
  await waitForFocus(page, "row:First");
  await press("Control+z");
  await waitForTitles(page, ["Third", "Second (edited)", "First"]);
  await waitForFocus(page, "row:Second (edited)");

  // / searches.
  await press("/");
  await waitForFocus(page, "input:Search tasks");
  await page.keyboard.type("thi");
  await waitForTitles(page, ["Third"]);
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Backspace");
  await waitForTitles(page, ["Third", "Second (edited)", "First"]);

  // ? lists the shortcuts; Esc closes the dialog and focus goes back.
  await press("Escape"); // an empty search box lets go of focus
  await press("j");
  await waitForFocus(page, "row:Third");
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await help.waitFor();
  const shortcuts = await help.locator("dt").allTextContents();
  expect(shortcuts).toEqual(
    expect.arrayContaining(["New task", "Search", "Next task", "Delete the selected task"]),
  );
  await press("Escape");
  await help.waitFor({ state: "hidden" });
  await waitForFocus(page, "row:Third");
  expect(errors).toEqual([]);
});
