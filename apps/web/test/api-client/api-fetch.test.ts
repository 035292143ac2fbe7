import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_RETRY_POLICY } from "../../lib/api-client/retry.ts";

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (n: number) => `${encode({ alg: "HS256" })}.${encode({ iat: 0, exp: 900, n })}.sig`;

/**
 * apiFetch against a fake web (/api/token) and a fake api, in a fake window. Each test gets a
 * fresh module, so its token manager starts empty.
 */
async function load(apiAnswers: number[], tokenStatus = 200) {
  vi.resetModules();
  let issued = 0;
  const apiCalls: Array<{ url: string; authorization: string | null; credentials?: string }> = [];
  const keys: Array<string | null> = [];
  const fetchMock = vi.fn(async (input: string, init: RequestInit = {}) => {
    if (input === "/api/token") {
      if (tokenStatus !== 200) return new Response("{}", { status: tokenStatus });
      issued += 1;
      return Response.json({ token: jwt(issued), expires_at: new Date().toISOString() });
    }
    keys.push(new Headers(init.headers).get("idempotency-key"));
    if (apiAnswers[0] === 0) {
      apiAnswers.shift();
      throw new TypeError("Failed to fetch");
    }
    apiCalls.push({
      url: input,
      authorization: new Headers(init.headers).get("authorization"),
      credentials: init.credentials,
    });
    return new Response(null, { status: apiAnswers.shift() ?? 200 });
  });
  const assign = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
  vi.stubGlobal("window", { location: { pathname: "/tasks", search: "?status=pending", assign } });
  const module = await import("../../lib/api-client/api-fetch.ts");
  module.configureApiClient({ apiUrl: "http://api.test/" });
  return { ...module, apiCalls, keys, assign, issuedCount: () => issued };
}

const fastRetries = { ...DEFAULT_RETRY_POLICY, baseBackoffMs: 2, maxBackoffMs: 4 };

beforeEach(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("apiFetch", () => {
  it("prefixes the api URL and sends the bearer token, never cookies", async () => {
    const { apiFetch, apiCalls } = await load([200]);
    const response = await apiFetch("/api/u1/tasks");
    expect(response.status).toBe(200);
    expect(apiCalls).toEqual([
      {
        url: "http://api.test/api/u1/tasks",
        authorization: `Bearer ${jwt(1)}`,
        credentials: "omit",
      },
    ]);
  });

  it("shares one token between concurrent calls", async () => {
    const { apiFetch, issuedCount } = await load([200, 200, 200]);
    await Promise.all([apiFetch("/a"), apiFetch("/b"), apiFetch("/c")]);
    expect(issuedCount()).toBe(1);
  });

  it("retries once with a fresh token after a 401 from the api", async () => {
    const { apiFetch, apiCalls } = await load([401, 200]);
    const response = await apiFetch("/api/u1/tasks", { method: "POST", body: "{}" });
    expect(response.status).toBe(200);
    expect(apiCalls.map((call) => call.authorization)).toEqual([
      `Bearer ${jwt(1)}`,
      `Bearer ${jwt(2)}`,
    ]);
  });

  it("returns the second 401 rather than looping", async () => {
    const { apiFetch, apiCalls } = await load([401, 401, 200]);
    expect((await apiFetch("/x")).status).toBe(401);
    expect(apiCalls).toHaveLength(2);
  });

  it("sends the person to sign-in, to come back here, when the session is gone", async () => {
    const { apiFetch, assign, isSessionEnded, apiCalls } = await load([], 401);
    const error = await apiFetch("/x").catch((caught: unknown) => caught);
    expect(isSessionEnded(error)).toBe(true);
    expect(apiCalls).toHaveLength(0);
    expect(assign).toHaveBeenCalledWith("/sign-in?next=%2Ftasks%3Fstatus%3Dpending&expired=1");
  });

  it("sends one fresh Idempotency-Key per write and the same one on every retry", async () => {
    // 0 stands for a network error (fetch rejects).
    const { apiFetch, keys } = await load([0, 503, 429, 201, 0, 201, 200]);
    const first = await apiFetch("/api/u1/tasks", { method: "POST", body: "{}" }, fastRetries);
    expect(first.status).toBe(201);
    const second = await apiFetch("/api/u1/tasks/1", { method: "PATCH", body: "{}" }, fastRetries);
    expect(second.status).toBe(201);
    await apiFetch("/api/u1/tasks", {}, fastRetries);
    expect(keys).toHaveLength(7);
    const [a, b, c, d, e, f, read] = keys;
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect([b, c, d]).toEqual([a, a, a]);
    expect(e).toMatch(/^[0-9a-f-]{36}$/);
    expect(e).not.toBe(a);
    expect(f).toBe(e);
    expect(read).toBeNull();
  });

  it("makes version-4 UUID keys without crypto.randomUUID (plain-http pages)", async () => {
    const { newIdempotencyKey } = await load([]);
    vi.stubGlobal("crypto", {
      getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto),
    });
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("keeps a key the caller chose", async () => {
    const { apiFetch, keys } = await load([503, 200]);
    const headers = { "idempotency-key": "mine" };
    await apiFetch("/x", { method: "DELETE", headers }, fastRetries);
    expect(keys).toEqual(["mine", "mine"]);
  });

  it("says it is reconnecting while it waits to retry, and stops after", async () => {
    const { apiFetch } = await load([503, 200]);
    const status = await import("../../lib/api-client/connection-status.ts");
    const seen: boolean[] = [];
    const stop = status.subscribeConnectionStatus(() => seen.push(status.isReconnecting()));
    await apiFetch("/x", {}, fastRetries);
    stop();
    expect(seen).toEqual([true, false]);
  });

  it("fetches a new token after sign-out cleared the old one", async () => {
    const { apiFetch, clearApiToken, apiCalls } = await load([200, 200]);
    await apiFetch("/x");
    clearApiToken();
    await apiFetch("/x");
    expect(apiCalls.map((call) => call.authorization)).toEqual([
      `Bearer ${jwt(1)}`,
      `Bearer ${jwt(2)}`,
    ]);
  });
});
