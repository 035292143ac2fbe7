import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "@ownlist/test-kit/axe";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import {
  openTasks,
  row,
  type SeedTask,
  seedTasks,
  toast,
  waitForTitles,
} from "@ownlist/test-kit/tasks";
import { newTestUser, signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();

let context: BrowserContext | undefined;

const daysFromToday = (days: number) => {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
};

const REALISTIC: SeedTask[] = [
  { title: "Renew passport", priority: "high", due_date: daysFromToday(-2), tags: ["admin"] },
  {
    title: "Call the plumber about the leak",
    description: "Kitchen sink, mornings only",
    due_date: daysFromToday(0),
  },
  { title: "Buy oat milk", completed: true, tags: ["groceries"] },
  { title: "Read chapter 4", priority: "low", tags: ["book-club"] },
];

async function open(options: { scheme: "light" | "dark"; width?: number; tasks?: SeedTask[] }) {
  context = await browser.newContext({
    colorScheme: options.scheme,
    viewport: { width: options.width ?? 1280, height: 800 },
  });
  const user = await signUpViaApi(context, newTestUser({ name: "Alex Rivera" }));
  if (options.tasks) await seedTasks(context, user.id, [...options.tasks].reverse());
  return openTasks(context);
}

describe.each(["light", "dark"] as const)("accessibility in the %s theme", (scheme) => {
  it("has no serious or critical axe violations on the empty state", async () => {
    const { page, errors } = await open({ scheme });
    await page.getByTestId("empty-state").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("has none on a realistic list, with an editor, a notice and the help dialog open", async () => {
    const { page, errors } = await open({ scheme, tasks: REALISTIC });
    await waitForTitles(
      page,
      REALISTIC.map((task) => task.title),
    );
    expect(await seriousViolations(page)).toEqual([]);

    await row(page, "Read chapter 4").getByRole("button", { name: /^Edit/ }).click();
    await page.getByRole("button", { name: "Details" }).click();
    await row(page, "Buy oat milk")
      .getByRole("button", { name: /^Delete/ })
      .click();
    await toast(page).filter({ hasText: "Deleted" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: /Shortcuts|Keyboard shortcuts/ }).click();
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

it("fits a 360 px phone without sideways scrolling", async () => {
  const { page } = await open({ scheme: "light", width: 360, tasks: REALISTIC });
  await waitForTitles(
    page,
    REALISTIC.map((task) => task.title),
  );
  await page.getByRole("button", { name: "Details" }).click();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
});
