import type { BrowserContext, Route } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import {
  addTask,
  apiToken,
  openTasks,
  row,
  type SeedTask,
  seedTasks,
  toast,
  waitForApi,
  waitForItemsLeft,
  waitForListSettled,
  waitForTitles,
} from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

const browser = useBrowser();

let context: BrowserContext;

/** A signed-in person with these tasks (listed newest first, as the page shows them). */
async function withTasks(tasks: SeedTask[]) {
  const signedIn = await newSignedInContext(browser);
  context = signedIn.context;
  await seedTasks(context, signedIn.user.id, [...tasks].reverse());
  return openTasks(context);
}

const problem = (status: number, extra: object = {}) => ({
  status,
  contentType: "application/problem+json",
  body: JSON.stringify({
    type: "about:blank",
    title: "Refused",
    status,
    detail: "Refused by the test.",
    ...extra,
  }),
});

/** Holds matching requests until released, then answers them with `reply`. */
function gate(reply: (route: Route) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { handler: async (route: Route) => (await released, reply(route)), release };
}

describe("undo", () => {
  it("brings a deleted task back untouched; the api is never asked to delete it", async () => {
    const { page, errors } = await withTasks([
      { title: "Water plants" },
      { title: "Pay rent" },
      { title: "Book dentist" },
    ]);
    const deletes: string[] = [];
    page.on("request", (request) => request.method() === "DELETE" && deletes.push(request.url()));
    const id = await row(page, "Pay rent").getAttribute("data-task-id");

    await row(page, "Pay rent").getByRole("button", { name: "Delete “Pay rent”" }).click();
    await waitForTitles(page, ["Water plants", "Book dentist"]);
    await waitForItemsLeft(page, "2 items left");
    await toast(page)
      .filter({ hasText: "Deleted “Pay rent”" })
      .getByRole("button", { name: "Undo" })
      .click();
    await waitForTitles(page, ["Water plants", "Pay rent", "Book dentist"]);
    await waitForItemsLeft(page, "3 items left");
    expect(await row(page, "Pay rent").getAttribute("data-task-id")).toBe(id);

    await page.reload();
    await waitForListSettled(page);
    await waitForTitles(page, ["Water plants", "Pay rent", "Book dentist"]);
    expect(deletes).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("clears completed tasks with an undo, and deletes them for real once it closes", async () => {
    const { page, errors } = await withTasks([
      { title: "Done one", completed: true },
      { title: "Still to do" },
      { title: "Done two", completed: true },
    ]);
    await page.getByRole("button", { name: "Clear completed (2)" }).click();
    await waitForTitles(page, ["Still to do"]);
    await page.getByRole("button", { name: "Undo" }).click();
    await waitForTitles(page, ["Done one", "Still to do", "Done two"]);

    await page.getByRole("button", { name: "Clear completed (2)" }).click();
    await waitForTitles(page, ["Still to do"]);
    // One request for the whole clear (docs/contract.md#bulk-writes).
    const deleted = waitForApi(page, "DELETE", /\/tasks$/);
    await page.getByRole("button", { name: "Dismiss notification" }).click();
    await deleted;
    await page.getByRole("button", { name: /^Clear completed/ }).waitFor({ state: "detached" });
    await page.reload();
    await waitForListSettled(page);
    await waitForTitles(page, ["Still to do"]);
    expect(errors).toEqual([]);
  });

  it("asks before deleting a task whose title was emptied, and can keep editing instead", async () => {
    const { page } = await withTasks([{ title: "Read a book" }]);
    await row(page, "Read a book").getByRole("button", { name: "Edit “Read a book”" }).click();
    const title = page.getByRole("textbox", { name: "Title", exact: true });
    await title.fill("   ");
    await title.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Delete this task?" });
    await dialog.getByRole("button", { name: "Keep editing" }).click();
    await dialog.waitFor({ state: "hidden" });
    await title.waitFor();

    await title.press("Enter");
    await dialog.getByRole("button", { name: "Delete task" }).click();
    await page.getByTestId("empty-state").waitFor();
    await page.getByRole("button", { name: "Undo" }).click();
    await waitForTitles(page, ["Read a book"]);
  });
});

describe("mark all as complete", () => {
  it("completes every task, loaded or not, and Undo reopens exactly those", async () => {
    const signedIn = await newSignedInContext(browser);
    context = signedIn.context;
    const tasks = Array.from({ length: 55 }, (_, i) => ({ title: `Chore ${i + 1}` }));
    await seedTasks(context, signedIn.user.id, [{ title: "Already done", completed: true }]);
    await seedTasks(context, signedIn.user.id, tasks);
    const { page, errors } = await openTasks(context);
    await waitForItemsLeft(page, "55 items left");
    // One request each way, whatever the count (docs/contract.md#bulk-writes).
    const writes: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(inject("apiUrl")) && request.method() !== "GET") {
        writes.push(`${request.method()} ${new URL(request.url()).pathname.split("/").pop()}`);
      }
    });

    await page.getByRole("checkbox", { name: "Mark all as complete" }).check();
    await waitForItemsLeft(page, "0 items left");
    const pending = await fetch(
      `${inject("apiUrl")}/api/${signedIn.user.id}/tasks?status=pending&limit=1`,
      { headers: { authorization: `Bearer ${await apiToken(context)}` } },
    );
    expect(pending.headers.get("x-total-count")).toBe("0");

    await toast(page)
      .filter({ hasText: "Completed 55 tasks" })
      .getByRole("button", { name: "Undo" })
      .click();
    await waitForItemsLeft(page, "55 items left");
    expect(writes).toEqual(["POST complete", "POST complete"]);
    await page.getByRole("link", { name: /^Completed/ }).click();
    await waitForTitles(page, ["Already done"]);
    expect(errors).toEqual([]);
  });
});

describe("optimistic updates", () => {
  it("shows a completion at once, rolls it back when the api refuses, and can retry", async () => {
    const { page } = await withTasks([{ title: "Call mum" }, { title: "Buy bread" }]);
    const refusal = gate((route) => route.fulfill(problem(500)));
    await page.route("**/complete", refusal.handler);

    const checkbox = page.getByRole("checkbox", { name: "Call mum" });
    await checkbox.click();
    // Optimistic: checked and counted before the api has answered.
    expect(await checkbox.isChecked()).toBe(true);
    await waitForItemsLeft(page, "1 item left");

    refusal.release();
    await toast(page, "error").filter({ hasText: "Could not complete “Call mum”" }).waitFor();
    await page.waitForFunction(
      () => !document.querySelector<HTMLInputElement>('input[type="checkbox"]:checked'),
    );
    await waitForItemsLeft(page, "2 items left");

    await page.unroute("**/complete");
    await Promise.all([
      waitForApi(page, "PATCH", /\/complete$/),
      toast(page, "error").getByRole("button", { name: "Retry" }).click(),
    ]);
    await waitForItemsLeft(page, "1 item left");
    expect(await checkbox.isChecked()).toBe(true);
  });

  it("puts a refused new task back in the form with the api's message beside the field", async () => {
    const { page } = await withTasks([]);
    await page.route("**/api/*/tasks", (route) =>
      route.request().method() === "POST"
        ? route.fulfill(
            problem(422, { errors: [{ field: "tags[0]", message: "is not allowed here (test)" }] }),
          )
        : route.fallback(),
    );
    await page.getByRole("button", { name: "Details" }).click();
    await page.getByLabel("New task title").fill("Plan the trip");
    await page.getByLabel("Tags").first().fill("travel");
    await page.getByLabel("New task title").press("Enter");

    const tags = page.getByLabel("Tags").first();
    await page.getByText("is not allowed here (test)").waitFor();
    expect(await tags.getAttribute("aria-invalid")).toBe("true");
    expect(await tags.inputValue()).toBe("travel");
    expect(await page.getByLabel("New task title").inputValue()).toBe("Plan the trip");
    await page.getByTestId("empty-state").waitFor();

    await page.unroute("**/api/*/tasks");
    await tags.fill("travel, summer");
    await addTask(page, "Plan the trip");
    await row(page, "Plan the trip")
      .getByRole("button", { name: "Show tasks tagged summer" })
      .waitFor();
  });

  it("rolls back a refused edit and reopens the editor with what was typed", async () => {
    const { page } = await withTasks([{ title: "Fix the bike" }]);
    await page.route("**/api/*/tasks/*", (route) =>
      route.request().method() === "PATCH"
        ? route.fulfill(
            problem(422, { errors: [{ field: "title", message: "is refused by the test" }] }),
          )
        : route.fallback(),
    );
    await row(page, "Fix the bike").getByRole("button", { name: "Edit “Fix the bike”" }).click();
    const title = page.getByRole("textbox", { name: "Title", exact: true });
    await title.fill("Fix the bike chain");
    await title.press("Enter");
    await page.getByText("is refused by the test").waitFor();
    expect(await title.inputValue()).toBe("Fix the bike chain");
    expect(
      await toast(page, "error").filter({ hasText: "Could not save “Fix the bike”" }).count(),
    ).toBe(1);
    await title.press("Escape");
    await waitForTitles(page, ["Fix the bike"]);
  });
});
