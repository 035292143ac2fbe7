import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { expect, inject, it } from "vitest";
import { findFreePort } from "@ownlist/db";
import { startThrowAwayStack } from "@ownlist/test-kit/throw-away-stack";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { openTasks, row, seedTasks, shownTitles, waitForApi } from "@ownlist/test-kit/tasks";
import { newSignedInContext, newTestUser, signUpViaApi } from "@ownlist/test-kit/users";

/**
 * docs/contract.md#first-page-on-the-server: the task page's first page is read from the api on
 * the server and is in the HTML, for the session's person only; the browser hydrates it without
 * asking for the list again; and an api that does not answer leaves the page as it was before
 * (the browser's own loading, error and Try again), never a failed or hanging page.
 */
const browser = useBrowser();
const webUrl = inject("webUrl");
const apiUrl = inject("apiUrl");

async function personWith(titles: string[], name: string) {
  const signedIn = await newSignedInContext(browser, { name });
  await seedTasks(
    signedIn.context,
    signedIn.user.id,
    titles.map((title, index) => ({ title, completed: index === 0 })),
  );
  return signedIn;
}

async function html(context: BrowserContext, path: string) {
  const response = await context.request.get(`${webUrl}${path}`);
  return { response, body: await response.text() };
}

it("puts the person's own first page in the server's HTML, for the URL's filters, never cached", async () => {
  const ann = await personWith(["Ann's filed report", "Ann's dentist call"], "Ann");
  const bob = await personWith(["Bob's filed invoice", "Bob's garden hose"], "Bob");

  const annPage = await html(ann.context, "/tasks");
  expect(annPage.response.status()).toBe(200);
  expect(annPage.body).toContain("Ann&#x27;s dentist call");
  expect(annPage.body).toContain("Ann&#x27;s filed report");
  expect(annPage.body).not.toContain("Bob&#x27;s");
  expect(annPage.body).not.toContain("Bob's");
  expect(annPage.response.headers()["cache-control"]).toContain("no-store");

  const bobPage = await html(bob.context, "/tasks?status=pending");
  expect(bobPage.body).toContain("Bob&#x27;s garden hose");
  // The URL's filter is the server's query too: the completed task is not in it.
  expect(bobPage.body).not.toContain("Bob&#x27;s filed invoice");
  expect(bobPage.body).not.toContain("Ann&#x27;s");
  expect(bobPage.body).not.toContain("Ann's");

  // Without JavaScript the titles are there all the same.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await noScript.addCookies(await ann.context.cookies());
  const page = await noScript.newPage();
  await page.goto(`${webUrl}/tasks`);
  expect(await shownTitles(page)).toEqual(["Ann's dentist call", "Ann's filed report"]);
  // Shown, not only present: in the page itself, not in a hidden part waiting for a script.
  expect(await page.getByText("Ann's dentist call", { exact: true }).isVisible()).toBe(true);
  expect(await page.getByTestId("task-skeleton").count()).toBe(0);
});

it("hydrates the server's rows without asking the api for the list, the counts or a token", async () => {
  const cat = await personWith(["Water the ferns", "Call the bank", "Book the vet"], "Cat");
  const listReads: string[] = [];
  const tokenRequests: string[] = [];
  cat.context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/token") tokenRequests.push(request.url());
    if (request.url().startsWith(apiUrl) && /\/tasks$/.test(url.pathname)) {
      if (request.method() === "GET") listReads.push(request.url());
    }
  });
  const { page, errors } = await openTasks(cat.context);
  await page.waitForLoadState("networkidle");
  expect(await shownTitles(page)).toEqual(["Book the vet", "Call the bank", "Water the ferns"]);
  expect(listReads).toEqual([]);
  expect(tokenRequests).toEqual([]);

  // The page works on the token it was rendered with: a change goes straight to the api.
  const [completed] = await Promise.all([
    waitForApi(page, "PATCH", /\/complete$/),
    page.getByRole("checkbox", { name: "Call the bank" }).check(),
  ]);
  expect(completed.status()).toBe(200);
  expect(tokenRequests).toEqual([]);
  // A filter change asks the api, as before.
  await Promise.all([
    waitForApi(page, "GET", /\/tasks$/),
    page.getByRole("link", { name: /^Pending/ }).click(),
  ]);
  await row(page, "Book the vet").waitFor();
  // No hydration mismatch or other error on the console.
  expect(errors).toEqual([]);
});

it("renders the page when the api does not answer, and the browser shows its error state", async () => {
  // An api address that accepts connections and never answers: slower than any deadline.
  const sockets = new Set<Socket>();
  const silent: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const silentPort = await findFreePort();
  await new Promise<void>((resolve) => silent.listen(silentPort, "localhost", resolve));
  const output: string[] = [];
  const stack = await startThrowAwayStack({
    root: join(import.meta.dirname, ".."),
    label: "e2e-first-page",
    env: { API_URL: `http://localhost:${silentPort}` },
    output: (line) => output.push(line),
  });
  const context = await browser.newContext();
  try {
    await signUpViaApi(context, newTestUser(), stack.webUrl);
    const page = await context.newPage();
    const response = await page.goto(`${stack.webUrl}/tasks`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Tasks", level: 1 }).waitFor();
    const alert = page.getByRole("alert").filter({ hasText: "Could not load your tasks." });
    await alert.getByRole("button", { name: "Try again" }).waitFor({ timeout: 30_000 });
    // Web said why it rendered the page without the rows.
    expect(output.join("\n")).toMatch(/first page not rendered on the server/);
  } finally {
    // The page keeps asking the silent address: close it before the listener.
    await context.close();
    await stack.stop();
    const closed = new Promise((resolve) => silent.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  }
}, 240_000);
