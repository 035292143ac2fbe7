import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { apiToken, type SeedTask, seedTasks } from "@ownlist/test-kit/tasks";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newTestUser, signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();
const webUrl = inject("webUrl");
const apiUrl = inject("apiUrl");

const MINE: SeedTask[] = [
  { title: "Renew passport", priority: "high", due_date: "2027-01-15", tags: ["admin"] },
  { title: 'Buy "oat" milk, 2 l', description: "The blue carton\nnot the red", tags: [] },
  { title: "Read chapter 4", completed: true, tags: ["book-club", "reading"] },
];

async function personWith(tasks: SeedTask[]) {
  const context = await browser.newContext({ acceptDownloads: true });
  const user = await signUpViaApi(context, newTestUser());
  if (tasks.length > 0) await seedTasks(context, user.id, tasks);
  const page = await context.newPage();
  await page.goto(`${webUrl}/account`);
  return { context, user, page };
}

/** Clicks a download button and returns the saved file's name and text. */
async function download(page: Page, label: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: label }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}

/** The person's tasks as the api lists them, without the fields an import renews. */
async function tasksOf(context: BrowserContext, userId: string) {
  const response = await fetch(`${apiUrl}/api/${userId}/tasks?limit=100`, {
    headers: { authorization: `Bearer ${await apiToken(context)}` },
  });
  const tasks = (await response.json()) as Record<string, unknown>[];
  return tasks
    .map(({ title, description, priority, due_date, tags, completed }) => ({
      title,
      description,
      priority,
      due_date,
      tags,
      completed,
    }))
    .sort((a, b) => String(a.title).localeCompare(String(b.title)));
}

async function chooseFile(page: Page, name: string, mimeType: string, text: string) {
  await page
    .getByLabel("File to import (JSON or CSV)")
    .setInputFiles({ name, mimeType, buffer: Buffer.from(text, "utf8") });
}

const preview = (page: Page) => page.getByTestId("import-preview");

describe("export", () => {
  it("downloads JSON and CSV holding exactly the person's tasks, under the server's name", async () => {
    await personWith([{ title: "Someone else's secret" }]);
    const { page } = await personWith(MINE);

    const json = await download(page, "Download my tasks (JSON)");
    expect(json.name).toMatch(/^ownlist-tasks-\d{4}-\d{2}-\d{2}\.json$/);
    const body = JSON.parse(json.text) as { version: number; tasks: { title: string }[] };
    expect(body.version).toBe(1);
    expect(body.tasks.map((task) => task.title).sort()).toEqual(
      MINE.map((task) => task.title).sort(),
    );

    const csv = await download(page, "Download my tasks (CSV)");
    expect(csv.name).toMatch(/^ownlist-tasks-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text).toContain("title");
    expect(csv.text).toContain("Renew passport");
    expect(csv.text).toContain('"Buy ""oat"" milk, 2 l"');
    expect(csv.text).not.toContain("Someone else's secret");
  });
});

describe("import", () => {
  it("imports the JSON export into a fresh account: the same tasks, ids aside", async () => {
    const source = await personWith(MINE);
    const exported = await download(source.page, "Download my tasks (JSON)");

    const target = await personWith([]);
    await chooseFile(target.page, exported.name, "application/json", exported.text);
    await preview(target.page).getByText("3 tasks ready to import.").waitFor();
    await target.page.getByRole("button", { name: "Import 3 tasks" }).click();
    await target.page.getByRole("status").filter({ hasText: "Imported 3 tasks." }).waitFor();
    expect(await tasksOf(target.context, target.user.id)).toEqual(
      await tasksOf(source.context, source.user.id),
    );

    // The same file again, by accident: caught and said, nothing added twice.
    await chooseFile(target.page, exported.name, "application/json", exported.text);
    const again = target.page.getByRole("button", { name: "Import 3 tasks" });
    const said = target.page.getByText(/imported already/);
    // Caught at the preview, or at the latest when importing.
    await said.or(again).waitFor();
    if (await again.isVisible()) await again.click();
    await said.waitFor();
    expect((await tasksOf(target.context, target.user.id)).length).toBe(3);
  });

  it("names a CSV's bad row in the preview and imports nothing until it is fixed", async () => {
    const { context, user, page } = await personWith([]);
    await chooseFile(page, "list.csv", "text/csv", 'title,priority\nFirst,low\n"",high\nThird,\n');
    const refused = preview(page).getByRole("list", { name: "Refused rows" }).getByRole("listitem");
    await refused.first().waitFor();
    expect(await refused.count()).toBe(1);
    expect(await refused.first().textContent()).toMatch(/^Line 3: \S/);
    expect(await page.getByRole("button", { name: /^Import \d/ }).count()).toBe(0);
    expect(await tasksOf(context, user.id)).toEqual([]);

    await chooseFile(page, "list.csv", "text/csv", "title,priority\nFirst,low\nSecond,high\n");
    await page.getByRole("button", { name: "Import 2 tasks" }).click();
    await page.getByRole("status").filter({ hasText: "Imported 2 tasks." }).waitFor();
    expect((await tasksOf(context, user.id)).map((task) => task.title)).toEqual([
      "First",
      "Second",
    ]);
  });
});
