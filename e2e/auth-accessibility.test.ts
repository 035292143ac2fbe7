import AxeBuilder from "@axe-core/playwright";
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();

const webUrl = inject("webUrl");

describe.each(["light", "dark"] as const)("in the %s color scheme", (colorScheme) => {
  it("has no axe violations on the landing, sign-in (with errors) and sign-up pages", async () => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const violations: string[] = [];
    const scan = async (label: string) => {
      const result = await new AxeBuilder({ page }).analyze();
      violations.push(...result.violations.map((v) => `${label}: ${v.id} (${v.nodes.length})`));
    };
    await page.goto(`${webUrl}/`);
    await scan("landing");
    await page.goto(`${webUrl}/sign-in`);
    await scan("sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#field-email-error").waitFor();
    await scan("sign-in with field errors");
    await page.goto(`${webUrl}/sign-up`);
    await scan("sign-up");
    expect(violations).toEqual([]);
  });

  it("has no axe violations in the signed-in shell", async () => {
    const context = await browser.newContext({ colorScheme });
    await signUpViaApi(context);
    const page = await context.newPage();
    await page.goto(`${webUrl}/account`);
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});

it("says it is working while sign-in is pending, and cannot be submitted twice", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let posts = 0;
  await page.route("**/api/auth/sign-in/email", async (route) => {
    posts += 1;
    await held;
    await route.continue();
  });
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByLabel("Password").press("Enter");
  const button = page.getByRole("button", { name: "Signing in…" });
  await button.waitFor();
  expect(await button.isDisabled()).toBe(true);
  expect(await page.locator("form").getAttribute("aria-busy")).toBe("true");
  await page.getByLabel("Password").press("Enter");
  release();
  await page.locator("form").getByRole("alert").waitFor();
  expect(posts).toBe(1);
});

it("moves focus to the form's error after a failed sign-in, where it is announced", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.locator("form").getByRole("alert");
  await alert.waitFor();
  // Focus was on the submit button, disabled while the request ran: it must land on the error,
  // not fall back to the page, so that the next Tab continues from the form.
  const focused = await page.evaluate(() => ({
    role: document.activeElement?.getAttribute("role"),
    text: document.activeElement?.textContent,
  }));
  expect(focused.role).toBe("alert");
  expect(focused.text).toBe(await alert.textContent());
  // A second failure focuses the new error too.
  await page.getByLabel("Password").fill("still-not-it");
  await page.getByLabel("Password").press("Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "alert");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
});
