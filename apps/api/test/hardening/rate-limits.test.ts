import { describe, expect, it } from "vitest";
import { build, countTasks } from "../helper.ts";

const t = build({
  API_RATE_LIMIT_MAX: "3",
  API_REJECTED_RATE_LIMIT_MAX: "2",
  API_RATE_LIMIT_WINDOW_SECONDS: "600",
});

function expectTooMany(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(429);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const retryAfter = Number(response.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
}

describe("per-user rate limit", () => {
  it("answers 429 with Retry-After past the limit, and counts each user apart", async () => {
    const [alice, bob] = [await t.createUser("Alice"), await t.createUser("Bob")];
    const asAlice = t.injectAs(alice);
    for (let i = 0; i < 3; i += 1) {
      expect((await asAlice({ url: `/api/${alice.id}/tasks` })).statusCode).toBe(200);
    }
    const refused = await asAlice({
      method: "POST",
      url: `/api/${alice.id}/tasks`,
      payload: { title: "one too many" },
    });
    expectTooMany(refused);
    expect(refused.json()).toMatchObject({
      status: 429,
      type: "urn:ownlist:problem:too-many-requests",
    });
    expect((await t.injectAs(bob)({ url: `/api/${bob.id}/tasks` })).statusCode).toBe(200);
    // The refused write was refused before it reached the database.
    const count = await countTasks(t, alice.id);
    expect(count).toBe(0);
  });

  it("leaves /health and /ready alone", async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await t.app.inject({ url: "/health" })).statusCode).toBe(200);
    }
  });
});

describe("per-address limit on rejected tokens", () => {
  const from = (remoteAddress: string, authorization?: string) =>
    t.app.inject({
      url: "/api/someone/tasks",
      remoteAddress,
      headers: authorization ? { authorization } : {},
    });

  it("refuses an address's rejected tokens after its 401s, and spares other addresses", async () => {
    expect((await from("203.0.113.7", "Bearer a.b.c")).statusCode).toBe(401);
    expect((await from("203.0.113.7")).statusCode).toBe(401);
    expectTooMany(await from("203.0.113.7", "Bearer a.b.c"));
    expectTooMany(await from("203.0.113.7"));
    expect(t.logs.some((line) => line.reason === "rejected_token_rate_limit")).toBe(true);
    expect((await from("203.0.113.8", "Bearer a.b.c")).statusCode).toBe(401);
  });

  it("never refuses a valid token, even from an address that has used up its window", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < 2; i += 1)
      expect((await from(address, "Bearer a.b.c")).statusCode).toBe(401);
    expectTooMany(await from(address, "Bearer a.b.c"));
    // Someone else behind the same address (a NAT, an office) with a good token is served.
    const carol = await t.createUser("Carol");
    const served = await t.app.inject({
      url: `/api/${carol.id}/tasks`,
      remoteAddress: address,
      headers: { authorization: `Bearer ${t.tokenFor(carol)}` },
    });
    expect(served.statusCode).toBe(200);
    expect(served.json()).toEqual([]);
    // And the address's bad tokens are still refused.
    expectTooMany(await from(address, "Bearer a.b.c"));
  });
});
