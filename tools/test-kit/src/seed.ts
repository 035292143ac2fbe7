import type { TaskCreate } from "@ownlist/contract";
import type { BrowserContext } from "playwright-core";

/**
 * Seed data through the app's own front doors (web's Better Auth sign-up, web's token route, the
 * api's POST), so a seed can never hold a row the app would refuse. Used by the browser tests
 * (through users.ts and tasks.ts, which fill in the stack's addresses) and by the screenshots.
 */

export interface NewUser {
  name: string;
  email: string;
  password: string;
}

/** Signs a new person up from a browser context; the context is signed in as them afterwards. */
export async function signUp(
  context: BrowserContext,
  webUrl: string,
  user: NewUser,
): Promise<{ id: string }> {
  const response = await context.request.post(`${webUrl}/api/auth/sign-up/email`, {
    data: { name: user.name, email: user.email, password: user.password },
    // Better Auth checks the Origin of cookie-carrying requests against WEB_ORIGIN.
    headers: { origin: webUrl },
  });
  if (!response.ok()) {
    throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
  }
  const body = (await response.json()) as { user: { id: string } };
  return { id: body.user.id };
}

/** An API token for the context's signed-in person, from web's token route. */
export async function apiTokenFor(context: BrowserContext, webUrl: string): Promise<string> {
  const response = await context.request.get(`${webUrl}/api/token`);
  if (!response.ok()) throw new Error(`GET /api/token answered ${response.status()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Creates tasks straight through the api, in the given order (so `created_at` follows it). */
export async function createTasks(
  context: BrowserContext,
  urls: { webUrl: string; apiUrl: string },
  userId: string,
  tasks: TaskCreate[],
): Promise<void> {
  const token = await apiTokenFor(context, urls.webUrl);
  for (const task of tasks) {
    const response = await fetch(`${urls.apiUrl}/api/${userId}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(task),
    });
    if (response.status !== 201)
      throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  }
}
