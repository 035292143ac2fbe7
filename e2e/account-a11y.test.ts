import { describe, expect, inject, it } from "vitest";
import { seriousViolations } from "@ownlist/test-kit/axe";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newTestUser, signInViaApi, signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();

async function openAccount(scheme: "light" | "dark", width: number) {
  const context = await browser.newContext({
    colorScheme: scheme,
    viewport: { width, height: 800 },
  });
  const user = await signUpViaApi(context, newTestUser({ name: "Alex Rivera" }));
  // A second session, so the list has a "Sign out" button to check.
  await signInViaApi(await browser.newContext(), user);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${inject("webUrl")}/account`);
  await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
  return { page, errors };
}

describe.each(["light", "dark"] as const)("the account page in the %s theme", (scheme) => {
  it.each([1280, 360])(
    "has no serious axe violations and fits %i px, dialog open too",
    async (width) => {
      const { page, errors } = await openAccount(scheme, width);
      expect(await seriousViolations(page)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);

      // Keyboard: the delete dialog opens from the keyboard and lands on the password field.
      await page.getByRole("button", { name: "Delete my account…" }).focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
      await dialog.waitFor();
      expect(
        await dialog
          .getByLabel("Your password")
          .evaluate((node) => node === document.activeElement),
      ).toBe(true);
      await dialog.getByRole("button", { name: "Delete my account and tasks" }).click();
      await dialog.getByText("Enter your password.").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect(errors).toEqual([]);
    },
  );
});
