import { expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();

const webUrl = inject("webUrl");
const apiUrl = inject("apiUrl");

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

it("never puts an API token in localStorage, sessionStorage or a script-readable cookie", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bearerTokens: string[] = [];
  page.on("request", (request) => {
    const authorization = request.headers().authorization;
    if (request.url().startsWith(apiUrl) && authorization?.startsWith("Bearer ")) {
      bearerTokens.push(authorization.slice("Bearer ".length));
    }
  });
  await signUpViaApi(context);
  await page.goto(`${webUrl}/tasks`);
  await page.waitForLoadState("networkidle");
  // The same request the in-memory token manager makes, from the page, with its cookie.
  const issued = await page.evaluate(async () => {
    const response = await fetch("/api/token", { cache: "no-store" });
    return { status: response.status, body: (await response.json()) as { token: string } };
  });
  expect(issued.status).toBe(200);
  expect(issued.body.token).toMatch(JWT_SHAPE);

  const storage = await page.evaluate(() => {
    const dump = (store: Storage) =>
      Array.from({ length: store.length }, (_, index) => {
        const key = store.key(index) ?? "";
        return `${key}=${store.getItem(key)}`;
      }).join("\n");
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie };
  });
  const readableCookies = (await context.cookies())
    .filter((cookie) => !cookie.httpOnly)
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join("\n");
  const everywhere = [storage.local, storage.session, storage.cookie, readableCookies];
  for (const place of everywhere) {
    expect(place).not.toMatch(JWT_SHAPE);
    for (const token of [issued.body.token, ...bearerTokens]) expect(place).not.toContain(token);
  }
  // The session cookie itself is HTTP-only: scripts cannot read it.
  const session = (await context.cookies()).find((c) => c.name.endsWith("session_token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});
