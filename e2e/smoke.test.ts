import { expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";

const browser = useBrowser();

it("serves the web app's home page to a real browser", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const response = await page.goto(inject("webUrl"));
  expect(response?.status()).toBeLessThan(400);
  await expect(page.title()).resolves.toBe("Ownlist");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Ownlist");
  expect(errors).toEqual([]);
});

it("reaches an api whose readiness check queries the database", async () => {
  const response = await fetch(`${inject("apiUrl")}/ready`);
  expect(response.status).toBe(200);
});
