import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newTestUser, signInViaApi, signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();
const webUrl = inject("webUrl");

/** A browser the list must name in words: Firefox on Windows, whatever runs the test. */
const FIREFOX_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

const sessionItems = (page: Page) =>
  page.getByRole("list", { name: "Active sessions" }).getByRole("listitem");

const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** One person signed in twice: `first` (this test's Chromium) and `second` (Firefox's UA). */
async function twoSessions() {
  const firstContext = await browser.newContext();
  const user = await signUpViaApi(firstContext, newTestUser({ name: "Grace Hopper" }));
  const secondContext = await browser.newContext({ userAgent: FIREFOX_ON_WINDOWS });
  await signInViaApi(secondContext, user);
  const first = await firstContext.newPage();
  const second = await secondContext.newPage();
  await second.goto(`${webUrl}/tasks`);
  expect(path(second)).toBe("/tasks");
  await first.goto(`${webUrl}/account`);
  return { user, first, second, secondContext };
}

describe("where you're signed in", () => {
  it("lists both sessions; signing the other out sends it to sign-in on its next page", async () => {
    const { first, second, secondContext } = await twoSessions();
    expect(await sessionItems(first).count()).toBe(2);
    const current = sessionItems(first).filter({ hasText: "This device" });
    expect(await current.count()).toBe(1);
    expect(await current.getByRole("button", { name: /^Sign out/ }).count()).toBe(0);
    const other = sessionItems(first).filter({ hasText: "Firefox 133 on Windows" });
    expect(await other.count()).toBe(1);
    expect(await other.textContent()).toContain("127.0.0.1");

    await other.getByRole("button", { name: /^Sign out Firefox 133 on Windows/ }).click();
    await first.getByRole("status").filter({ hasText: "is signed out." }).waitFor();
    await first.waitForFunction(
      () => document.querySelectorAll('[aria-label="Active sessions"] li').length === 1,
    );

    // Its next page load, and its next token fetch, find no session.
    await second.goto(`${webUrl}/tasks`);
    expect(path(second)).toBe("/sign-in"); // /tasks is where sign-in goes anyway: no `next`;
    expect((await secondContext.request.get(`${webUrl}/api/token`)).status()).toBe(401);
    // The page says how long tokens it already holds live on.
    expect(await first.getByText(/keep working for at most 15 minutes/).count()).toBe(1);
  });

  it("signs out everywhere else after a confirmation, keeping this device", async () => {
    const { first, second } = await twoSessions();
    await first.getByRole("button", { name: "Sign out everywhere else" }).click();
    const dialog = first.getByRole("alertdialog", { name: "Sign out everywhere else?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("This device stays signed in.");
    await dialog.getByRole("button", { name: "Sign out everywhere else" }).click();
    await first.getByText("You are signed in on this device only.").waitFor();
    await second.goto(`${webUrl}/account`);
    expect(path(second)).toBe("/sign-in?next=%2Faccount");
    await first.goto(`${webUrl}/account`);
    expect(path(first)).toBe("/account");
  });
});

describe("change password", () => {
  it("names a wrong current password on its field and changes nothing", async () => {
    const { user, first } = await twoSessions();
    await first.getByLabel("Current password").fill("not my password");
    await first.getByLabel("New password", { exact: true }).fill("a brand new secret");
    await first.getByLabel("New password again").fill("a brand new secret");
    await first.getByRole("button", { name: "Change password" }).click();
    const current = first.getByLabel("Current password");
    await first.getByText("That is not your current password.").waitFor();
    expect(await current.getAttribute("aria-invalid")).toBe("true");
    expect(await current.evaluate((node) => node === document.activeElement)).toBe(true);
    const check = await browser.newContext();
    await signInViaApi(check, user);
  });

  it("ends the other session; the old password then fails and the new one works", async () => {
    const { user, first, second } = await twoSessions();
    const newPassword = "a brand new secret";
    await first.getByLabel("Current password").fill(user.password);
    await first.getByLabel("New password", { exact: true }).fill(newPassword);
    await first.getByLabel("New password again").fill(newPassword);
    await first.getByRole("button", { name: "Change password" }).click();
    await first.getByText("Your password is changed.", { exact: false }).waitFor();

    await second.goto(`${webUrl}/tasks`);
    expect(path(second)).toBe("/sign-in"); // /tasks is where sign-in goes anyway: no `next`;
    // This browser stays signed in, with its new session.
    await first.goto(`${webUrl}/account`);
    expect(path(first)).toBe("/account");

    const check = await browser.newContext();
    await expect(signInViaApi(check, user)).rejects.toThrow(/401/);
    await signInViaApi(check, { email: user.email, password: newPassword });
  });
});

describe("profile", () => {
  it("saves a new name with a confirmation, and refuses an empty one", async () => {
    const { first } = await twoSessions();
    const name = first.getByLabel("Name");
    await name.fill("   ");
    await first.getByRole("button", { name: "Save name" }).click();
    await first.getByText("Enter your name.").waitFor();
    await name.fill("Grace Brewster Hopper");
    await first.getByRole("button", { name: "Save name" }).click();
    await first.getByRole("status").filter({ hasText: "Your name is saved." }).waitFor();
    await first.reload();
    expect(await first.getByLabel("Name").inputValue()).toBe("Grace Brewster Hopper");
    expect(await first.getByRole("navigation", { name: "Account" }).textContent()).toContain(
      "Grace Brewster Hopper",
    );
  });
});
