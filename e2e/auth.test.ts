import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newTestUser, signUpViaApi, type TestUser } from "@ownlist/test-kit/users";

const browser = useBrowser();

const webUrl = inject("webUrl");
let context: BrowserContext;

async function newPage(): Promise<Page> {
  context = await browser.newContext();
  return context.newPage();
}

const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** Fills and submits the sign-in form; resolves once Better Auth has answered. */
async function fillSignIn(page: Page, user: Pick<TestUser, "email" | "password">) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith("/api/auth/sign-in/email")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** An account that exists, created in a context of its own (this one stays signed out). */
async function createAccount(user: TestUser): Promise<void> {
  const other = await browser.newContext();
  await signUpViaApi(other, user);
  await other.close();
}

describe("signing up, out and in", () => {
  it("signs a new person up through the form and lands them in the app", async () => {
    const page = await newPage();
    const user = newTestUser({ name: "Mary Jackson" });
    await page.goto(`${webUrl}/`);
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL("**/sign-up");
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/tasks");
    expect(await page.getByRole("heading", { level: 1 }).first().textContent()).toContain("Tasks");
    expect(await page.getByRole("navigation", { name: "Account" }).textContent()).toContain(
      "Mary Jackson",
    );
  });

  it("sends a signed-out visitor to sign-in, and back to the page after signing in", async () => {
    const page = await newPage();
    const user = await signUpViaApi(context, newTestUser());
    await page.goto(`${webUrl}/account`);
    expect(await page.getByText(user.email).count()).toBe(1);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await page.goto(`${webUrl}/account`);
    expect(path(page)).toBe("/sign-in?next=%2Faccount");

    await fillSignIn(page, user);
    await page.waitForURL("**/account");
    expect(await page.getByText(user.email).count()).toBe(1);
  });

  it("sends signed-in people away from sign-in and sign-up, to a safe destination only", async () => {
    const page = await newPage();
    await signUpViaApi(context, newTestUser());
    await page.goto(`${webUrl}/`);
    expect(path(page)).toBe("/tasks");
    await page.goto(`${webUrl}/sign-in`);
    expect(path(page)).toBe("/tasks");
    await page.goto(`${webUrl}/sign-up?next=%2Faccount`);
    expect(path(page)).toBe("/account");
    for (const evil of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
      await page.goto(`${webUrl}/sign-in?next=${encodeURIComponent(evil)}`);
      expect(new URL(page.url()).origin).toBe(new URL(webUrl).origin);
      expect(path(page)).toBe("/tasks");
    }
  });

  it("refuses an off-site `next` after signing in through the form", async () => {
    const page = await newPage();
    const user = newTestUser();
    await createAccount(user);
    await page.goto(`${webUrl}/sign-in?next=${encodeURIComponent("//evil.example/steal")}`);
    await fillSignIn(page, user);
    await page.waitForURL("**/tasks");
    expect(new URL(page.url()).origin).toBe(new URL(webUrl).origin);
  });
});

describe("form messages", () => {
  it("says the same thing for a wrong password and an unknown email", async () => {
    const page = await newPage();
    const user = newTestUser();
    await createAccount(user);
    await page.goto(`${webUrl}/sign-in`);
    await fillSignIn(page, { email: user.email, password: "wrong password" });
    // Next.js keeps a route announcer with role=alert of its own: look inside the form.
    const alert = page.locator("form").getByRole("alert");
    await alert.waitFor();
    const wrongPassword = await alert.textContent();
    await fillSignIn(page, { email: newTestUser().email, password: "wrong password" });
    await alert.waitFor();
    expect(wrongPassword).toBe("Incorrect email or password.");
    expect(await alert.textContent()).toBe(wrongPassword);
  });

  it("ties field errors to their fields and focuses the first one", async () => {
    const page = await newPage();
    await page.goto(`${webUrl}/sign-up`);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    const name = page.getByLabel("Name");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await name.evaluate((node) => node === document.activeElement)).toBe(true);
    const password = page.getByLabel("Password");
    const describedBy = (await password.getAttribute("aria-describedby")) ?? "";
    const descriptions = await Promise.all(
      describedBy.split(" ").map((id) => page.locator(`#${id}`).textContent()),
    );
    expect(descriptions).toContain("Use at least 8 characters.");
  });

  it("puts a duplicate email's message on the email field", async () => {
    const page = await newPage();
    const user = newTestUser();
    await createAccount(user);
    await page.goto(`${webUrl}/sign-up`);
    await page.getByLabel("Name").fill("Someone Else");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("another password");
    await page.getByRole("button", { name: "Create account" }).click();
    const email = page.getByLabel("Email");
    await page.waitForFunction(() =>
      document.querySelector("#field-email")?.getAttribute("aria-invalid"),
    );
    const errorId = (await email.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`#${errorId.split(" ")[0]}`).textContent()).toMatch(/already exists/);
    expect(path(page)).toBe("/sign-up");
  });
});

describe("keyboard only", () => {
  it("signs in with Tab, typing and Enter", async () => {
    const page = await newPage();
    const user = newTestUser();
    await createAccount(user);
    await page.goto(`${webUrl}/sign-in`);
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute("name"));
    for (let presses = 0; presses < 10 && (await focusedName()) !== "email"; presses++) {
      await page.keyboard.press("Tab");
    }
    expect(await focusedName()).toBe("email");
    await page.keyboard.type(user.email);
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("password");
    await page.keyboard.type(user.password);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/tasks");
    expect(path(page)).toBe("/tasks");
  });
});
