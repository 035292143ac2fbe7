import { describe, expect, it } from "vitest";
import { fetchApiToken, tokenLifetimeMs } from "../../lib/api-client/fetch-api-token.ts";
import { SessionEndedError, TokenRateLimitedError } from "../../lib/api-client/token-manager.ts";

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (claims: object) => `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}.sig`;

describe("tokenLifetimeMs", () => {
  it("uses the server's exp − iat, whatever the browser's clock says", () => {
    const token = jwt({ iat: 1_000, exp: 1_900 });
    expect(tokenLifetimeMs(token, "2000-01-01T00:00:00Z", Date.parse("2099-01-01"))).toBe(900_000);
  });

  it("falls back to expires_at when the payload cannot be read", () => {
    expect(tokenLifetimeMs("garbage", "2030-01-01T00:15:00.000Z", Date.parse("2030-01-01"))).toBe(
      900_000,
    );
  });
});

describe("fetchApiToken", () => {
  it("asks /api/token without caching and reads the token", async () => {
    const token = jwt({ iat: 10, exp: 25 });
    let seen: RequestInit | undefined;
    const result = await fetchApiToken(async (input, init) => {
      expect(input).toBe("/api/token");
      seen = init;
      return Response.json({ token, expires_at: "2030-01-01T00:00:00.000Z" });
    });
    expect(result).toEqual({ token, lifetimeMs: 15_000 });
    expect(seen?.cache).toBe("no-store");
    expect(seen?.credentials).toBe("same-origin");
  });

  it("turns 401 into SessionEndedError and other failures into plain errors", async () => {
    const answer = (status: number) => async () => new Response("{}", { status });
    await expect(fetchApiToken(answer(401))).rejects.toBeInstanceOf(SessionEndedError);
    await expect(fetchApiToken(answer(500))).rejects.toThrow("/api/token answered 500");
  });

  it("turns 429 into TokenRateLimitedError carrying Retry-After", async () => {
    const limited = (headers: Record<string, string>) => async () =>
      new Response("{}", { status: 429, headers });
    const error = await fetchApiToken(limited({ "retry-after": "17" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRateLimitedError);
    expect((error as TokenRateLimitedError).retryAfterMs).toBe(17_000);
    const fallback = await fetchApiToken(limited({})).catch((e: unknown) => e);
    expect((fallback as TokenRateLimitedError).retryAfterMs).toBe(60_000);
  });
});
