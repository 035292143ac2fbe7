import { expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { newTestUser, signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();

const webUrl = inject("webUrl");
const apiUrl = inject("apiUrl");

it("lets a page call the api cross-origin with a token from /api/token, on its own path only", async () => {
  const context = await browser.newContext();
  const me = await signUpViaApi(context, newTestUser());
  const otherContext = await browser.newContext();
  const other = await signUpViaApi(otherContext, newTestUser());
  await otherContext.close();
  const page = await context.newPage();
  await page.goto(`${webUrl}/account`);

  // What apiFetch does, done by hand in the page: real CORS, real cookies, real browser.
  const statuses = await page.evaluate(
    async ({ apiUrl, mine, theirs }) => {
      const { token } = (await (await fetch("/api/token")).json()) as { token: string };
      const call = (userId: string) =>
        fetch(`${apiUrl}/api/${userId}/tasks`, {
          headers: { authorization: `Bearer ${token}` },
          credentials: "omit",
        }).then((response) => response.status);
      return { mine: await call(mine), theirs: await call(theirs) };
    },
    { apiUrl, mine: me.id, theirs: other.id },
  );
  expect(statuses).toEqual({ mine: 200, theirs: 403 });
});
