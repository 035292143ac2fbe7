import type { BrowserContext, Request } from "playwright-core";
import { expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { addTask, openTasks, row, waitForApi } from "@ownlist/test-kit/tasks";
import { newSignedInContext } from "@ownlist/test-kit/users";

const browser = useBrowser();

/**
 * The token manager keeps a long session working without the person noticing: it fetches a new
 * token before `exp` (the browser's clock is moved past the 900 s lifetime here, so the test
 * does not wait a quarter of an hour), and once more when the api answers 401.
 */
let context: BrowserContext;

function bearerOf(request: Request): string | undefined {
  return request.headers().authorization?.replace(/^Bearer /, "");
}

function tokenRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/token") seen.push(request.url());
  });
  return seen;
}

it("fetches a fresh token before the old one expires, and the next change just works", async () => {
  ({ context } = await newSignedInContext(browser));
  const fetched = tokenRequests(context);
  await context.clock.install();
  const { page, errors } = await openTasks(context);

  const [before] = await Promise.all([
    waitForApi(page, "POST", /\/tasks$/),
    addTask(page, "Before the lunch break"),
  ]);
  const firstToken = bearerOf(before.request());
  const fetchedBefore = fetched.length;
  expect(firstToken).toBeTruthy();

  await page.clock.fastForward("16:00"); // past JWT_TTL_SECONDS (900 s)

  const [after] = await Promise.all([
    waitForApi(page, "POST", /\/tasks$/),
    addTask(page, "After the lunch break"),
  ]);
  expect(after.status()).toBe(201);
  expect(fetched.length).toBeGreaterThan(fetchedBefore);
  expect(bearerOf(after.request())).not.toBe(firstToken);
  expect(errors).toEqual([]);
});

it("answers an api 401 by fetching a new token and retrying once", async () => {
  ({ context } = await newSignedInContext(browser));
  const fetched = tokenRequests(context);
  const { page, errors } = await openTasks(context);
  await addTask(page, "Warm-up");
  const fetchedBefore = fetched.length;

  // The api refuses the next creation once, as it would a token signed with a retired secret.
  const apiUrl = inject("apiUrl");
  let refused = 0;
  await page.route(`${apiUrl}/api/*/tasks`, async (route) => {
    if (route.request().method() !== "POST" || refused > 0) return route.fallback();
    refused += 1;
    await route.fulfill({
      status: 401,
      contentType: "application/problem+json",
      headers: {
        "www-authenticate": 'Bearer realm="ownlist", error="invalid_token"',
        "access-control-allow-origin": inject("webUrl"),
        "access-control-expose-headers": "www-authenticate",
      },
      body: JSON.stringify({ type: "about:blank", title: "Unauthorized", status: 401 }),
    });
  });

  await addTask(page, "Survives a 401");
  expect(refused).toBe(1);
  expect(fetched.length).toBeGreaterThan(fetchedBefore);
  await row(page, "Survives a 401").waitFor();
  expect(page.url()).toContain("/tasks");
  // The browser logs the refused request itself; nothing else may have gone wrong.
  expect(errors.filter((error) => !error.includes("401"))).toEqual([]);
});
