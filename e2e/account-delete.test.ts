import type { Page } from "playwright-core";
import { createDb } from "@ownlist/db/client";
import { describe, expect, inject, it } from "vitest";
import { apiToken, pathOf, seedTasks } from "@ownlist/test-kit/tasks";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newTestUser, signInViaApi, signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();
const webUrl = inject("webUrl");
const apiUrl = inject("apiUrl");

/** Rows of the person left anywhere (as the database's owner: row-level security aside). */
async function rowsOf(userId: string) {
  const db = createDb(inject("e2eDatabaseUrl"), { max: 1 });
  try {
    const [counts] = await db.sql<Record<string, number>[]>`
      select (select count(*)::int from "user" where id = ${userId}) as users,
             (select count(*)::int from session where user_id = ${userId}) as sessions,
             (select count(*)::int from account where user_id = ${userId}) as accounts,
             (select count(*)::int from tasks where user_id = ${userId}) as tasks,
             (select count(*)::int from idempotency_keys where user_id = ${userId}) as keys`;
    return counts;
  } finally {
    await db.close();
  }
}

/** A person with two tasks and an API token issued before anything is deleted. */
async function personWithTasks() {
  const context = await browser.newContext();
  const user = await signUpViaApi(context, newTestUser());
  await seedTasks(context, user.id, [{ title: "Water the plants" }, { title: "Post the letter" }]);
  const token = await apiToken(context);
  const page = await context.newPage();
  await page.goto(`${webUrl}/account`);
  return { context, user, token, page };
}

async function deleteThroughDialog(page: Page, password: string) {
  await page.getByRole("button", { name: "Delete my account…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
  await dialog.waitFor();
  await dialog.getByLabel("Your password").fill(password);
  await dialog.getByLabel("Type DELETE to confirm").fill("DELETE");
  await dialog.getByRole("button", { name: "Delete my account and tasks" }).click();
  return dialog;
}

describe("deleting an account", () => {
  it("asks for the right password and the word DELETE; a wrong one deletes nothing", async () => {
    const { user, page } = await personWithTasks();
    await page.getByRole("button", { name: "Delete my account…" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
    await dialog.getByLabel("Your password").fill(user.password);
    await dialog.getByLabel("Type DELETE to confirm").fill("delete");
    await dialog.getByRole("button", { name: "Delete my account and tasks" }).click();
    await dialog.getByText("Type DELETE in capital letters to confirm.").waitFor();
    await page.keyboard.press("Escape");

    const again = await deleteThroughDialog(page, "not my password");
    await again.getByText("That is not your current password.").waitFor();
    expect(await rowsOf(user.id)).toMatchObject({ users: 1, accounts: 1, tasks: 2 });
  });

  it("deletes everything, signs out, and leaves nothing for the old cookie or sign-in", async () => {
    const { context, user, page } = await personWithTasks();
    await deleteThroughDialog(page, user.password);
    await page.waitForURL("**/goodbye");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Your account is deleted",
    );
    expect(await rowsOf(user.id)).toEqual({
      users: 0,
      sessions: 0,
      accounts: 0,
      tasks: 0,
      keys: 0,
    });

    await page.goto(`${webUrl}/tasks`);
    expect(pathOf(page)).toBe("/sign-in"); // /tasks is where sign-in goes anyway: no `next`;
    expect((await context.request.get(`${webUrl}/api/token`)).status()).toBe(401);

    // Sign-in fails exactly like an unknown email.
    const signIn = (email: string) =>
      context.request.post(`${webUrl}/api/auth/sign-in/email`, {
        data: { email, password: user.password },
        headers: { origin: webUrl },
      });
    const known = await signIn(user.email);
    const unknown = await signIn(newTestUser().email);
    expect(known.status()).toBe(401);
    expect(await known.json()).toEqual(await unknown.json());
    await expect(signInViaApi(await browser.newContext(), user)).rejects.toThrow(/401/);
  });

  it("refuses a token issued before the deletion on create (401), and writes no row", async () => {
    const { user, token, page } = await personWithTasks();
    await deleteThroughDialog(page, user.password);
    await page.waitForURL("**/goodbye");
    const created = await fetch(`${apiUrl}/api/${user.id}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "After the end" }),
    });
    expect(created.status).toBe(401);
    expect(created.headers.get("content-type")).toContain("application/problem+json");
    expect(await rowsOf(user.id)).toMatchObject({ users: 0, tasks: 0 });
  });
});
