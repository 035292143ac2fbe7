import { randomBytes } from "node:crypto";
import { parseApiConfig } from "@ownlist/config";
import { createDb, type DbHandle } from "@ownlist/db/client";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../api/src/app.ts";
import { handleTokenRequest } from "../../lib/token/handle-token-request.ts";
import { type AuthHarness, createAuthHarness, WEB_ORIGIN } from "../support/auth-harness.ts";

/**
 * The bridge end to end, without a browser: a token minted by web's token route for a real
 * Better Auth session is accepted by the api (built with the same configuration), and only on
 * its owner's paths.
 */
let harness: AuthHarness;
let api: FastifyInstance;
/** The api's own login (API_DATABASE_URL), as in production; web keeps the owner's. */
let apiDb: DbHandle;
let alice: { id: string; token: string };
let bob: { id: string; token: string };

async function mintToken(cookie: string): Promise<string> {
  const response = await handleTokenRequest(
    {
      getSession: (headers) => harness.auth.api.getSession({ headers }),
      tokenSettings: harness.config.token,
      countTokenRequest: harness.countTokenRequest,
    },
    new Request(`${WEB_ORIGIN}/api/token`, { headers: { cookie } }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

beforeAll(async () => {
  harness = await createAuthHarness();
  apiDb = createDb(harness.database.apiUrl, { max: 2 });
  api = await createApp({ config: parseApiConfig(harness.env), db: apiDb });
  const a = await harness.signUp();
  const b = await harness.signUp();
  alice = { id: a.id, token: await mintToken(a.cookie) };
  bob = { id: b.id, token: await mintToken(b.cookie) };
});
afterAll(async () => {
  await api?.close();
  await apiDb?.close();
  await harness?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("a token issued by web, presented to the api", () => {
  it("lets its owner create and list their tasks", async () => {
    const created = await api.inject({
      method: "POST",
      url: `/api/${alice.id}/tasks`,
      headers: { ...bearer(alice.token), "content-type": "application/json" },
      payload: { title: "Buy milk" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ title: "Buy milk", user_id: alice.id });

    const listed = await api.inject({
      url: `/api/${alice.id}/tasks`,
      headers: bearer(alice.token),
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([expect.objectContaining({ title: "Buy milk" })]);
  });

  it("is refused with 403 on another person's path", async () => {
    for (const url of [`/api/${bob.id}/tasks`, `/api/${bob.id}/tasks/${crypto.randomUUID()}`]) {
      const response = await api.inject({ url, headers: bearer(alice.token) });
      expect(response.statusCode).toBe(403);
    }
    const bobsOwn = await api.inject({ url: `/api/${bob.id}/tasks`, headers: bearer(bob.token) });
    expect(bobsOwn.statusCode).toBe(200);
    expect(bobsOwn.json()).toEqual([]);
  });

  it("is refused with 401 by an api configured with another secret", async () => {
    const otherConfig = parseApiConfig({
      NODE_ENV: "test",
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      DATABASE_URL: harness.database.url,
    });
    const otherApi = await createApp({ config: otherConfig, db: apiDb });
    try {
      const response = await otherApi.inject({
        url: `/api/${alice.id}/tasks`,
        headers: bearer(alice.token),
      });
      expect(response.statusCode).toBe(401);
    } finally {
      await otherApi.close();
    }
  });
});
