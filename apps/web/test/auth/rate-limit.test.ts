import { rateLimit } from "@ownlist/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, createAuthHarness, newPerson } from "../support/auth-harness.ts";

const MAX = 3;
let harness: AuthHarness;
beforeAll(async () => {
  harness = await createAuthHarness({
    AUTH_RATE_LIMIT_MAX: String(MAX),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: "60",
  });
});
afterAll(async () => {
  await harness?.close();
});

const failedSignIn = (ip: string) =>
  harness.post("/sign-in/email", { email: newPerson().email, password: "guess guess" }, { ip });

describe("Better Auth's rate limiter on sign-in and sign-up", () => {
  it(`answers the ${MAX + 1}th sign-in from one address within the window with 429`, async () => {
    for (let attempt = 1; attempt <= MAX; attempt++) {
      expect((await failedSignIn("198.51.100.7")).status).toBe(401);
    }
    const limited = await failedSignIn("198.51.100.7");
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("x-retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Still refused while the window lasts.
    expect((await failedSignIn("198.51.100.7")).status).toBe(429);
  });

  it("counts each client address on its own", async () => {
    expect((await failedSignIn("198.51.100.8")).status).toBe(401);
  });

  it("keeps the count in the database, shared by every web process", async () => {
    const rows = await harness.db.db.select().from(rateLimit);
    expect(rows.map((row) => row.key)).toContain("198.51.100.7|/sign-in/email");
    // Another Better Auth on the same database (another process) sees the same count.
    const sibling = harness.createSibling();
    const response = await sibling.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost:3000",
          "x-forwarded-for": "198.51.100.7",
        },
        body: JSON.stringify({ email: newPerson().email, password: "guess guess" }),
      }),
    );
    expect(response.status).toBe(429);
  });

  it("limits sign-up too, so neither form can enumerate accounts at speed", async () => {
    const ip = "198.51.100.9";
    for (let attempt = 1; attempt <= MAX; attempt++) {
      const response = await harness.post("/sign-up/email", newPerson(), { ip });
      expect(response.status).toBe(200);
    }
    expect((await harness.post("/sign-up/email", newPerson(), { ip })).status).toBe(429);
  });

  it("does not let a client pick its own address through a forwarded chain", async () => {
    // With no trusted proxy, a multi-hop X-Forwarded-For is not believed: such requests share
    // one bucket instead of getting a fresh one per invented address.
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= MAX; attempt++) {
      const response = await failedSignIn(`192.0.2.${attempt + 1}, 198.51.100.20`);
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});
