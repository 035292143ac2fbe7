import { createApiTokenVerifier, type TokenSettings } from "@ownlist/token";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDatabaseRateLimit } from "../../lib/server/database-rate-limit.ts";
import { handleTokenRequest } from "../../lib/token/handle-token-request.ts";
import {
  type AuthHarness,
  createAuthHarness,
  newPerson,
  WEB_ORIGIN,
} from "../support/auth-harness.ts";

const TTL_SECONDS = 120;
let harness: AuthHarness;
let settings: TokenSettings;

beforeAll(async () => {
  harness = await createAuthHarness({
    JWT_TTL_SECONDS: String(TTL_SECONDS),
    JWT_ISSUER: "ownlist-web-test",
    JWT_AUDIENCE: "ownlist-api-test",
  });
  settings = harness.config.token;
});
afterAll(async () => {
  await harness?.close();
});

function requestToken(headers: Record<string, string> = {}): Promise<Response> {
  return handleTokenRequest(
    {
      getSession: (h) => harness.auth.api.getSession({ headers: h }),
      tokenSettings: settings,
      countTokenRequest: harness.countTokenRequest,
    },
    new Request(`${WEB_ORIGIN}/api/token`, { headers }),
  );
}

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

describe("GET /api/token", () => {
  it("answers 401 problem+json, not cached, without a session", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { cookie: "better-auth.session_token=forged.value" },
    ];
    for (const headers of attempts) {
      const response = await requestToken(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toMatchObject({ status: 401, title: "Unauthorized" });
    }
  });

  it("issues an HS256 token with every claim for the session's person", async () => {
    const person = newPerson({ name: "Katherine Johnson" });
    const { id, cookie } = await harness.signUp(person);
    const before = Math.floor(Date.now() / 1000);
    const response = await requestToken({ cookie, "sec-fetch-site": "same-origin" });
    const after = Math.floor(Date.now() / 1000);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { token: string; expires_at: string };
    expect(Object.keys(body).sort()).toEqual(["expires_at", "token"]);

    const [header, payload] = body.token.split(".");
    // Byte for byte: docs/contract.md#token-format fixes the header, key order included.
    expect(Buffer.from(header ?? "", "base64url").toString("utf8")).toBe(
      '{"alg":"HS256","typ":"JWT"}',
    );
    const claims = decodePart(payload);
    expect(Object.keys(claims).sort()).toEqual(
      ["aud", "email", "exp", "iat", "iss", "jti", "name", "sub", "uid"].sort(),
    );
    expect(claims).toMatchObject({
      sub: id,
      uid: id,
      email: person.email,
      name: "Katherine Johnson",
      iss: "ownlist-web-test",
      aud: "ownlist-api-test",
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    const iat = claims.iat as number;
    expect(iat).toBeGreaterThanOrEqual(before);
    expect(iat).toBeLessThanOrEqual(after);
    expect((claims.exp as number) - iat).toBe(TTL_SECONDS);
    expect(body.expires_at).toBe(new Date((claims.exp as number) * 1000).toISOString());

    const verified = createApiTokenVerifier(settings)(body.token);
    expect(verified).toMatchObject({ ok: true, claims: { sub: id } });
  });

  it("gives every token its own jti", async () => {
    const { cookie } = await harness.signUp();
    const tokens = await Promise.all([requestToken({ cookie }), requestToken({ cookie })]);
    const [a, b] = await Promise.all(tokens.map((r) => r.json() as Promise<{ token: string }>));
    expect(decodePart(a?.token.split(".")[1]).jti).not.toBe(decodePart(b?.token.split(".")[1]).jti);
  });

  it("stops issuing once the person signs out", async () => {
    const { cookie } = await harness.signUp();
    expect((await requestToken({ cookie })).status).toBe(200);
    await harness.post("/sign-out", {}, { cookie });
    expect((await requestToken({ cookie })).status).toBe(401);
  });

  it("refuses a request a browser labels as coming from another site", async () => {
    const { cookie } = await harness.signUp();
    for (const site of ["cross-site", "same-site"]) {
      const response = await requestToken({ cookie, "sec-fetch-site": site });
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("GET /api/token when sessions cannot be checked", () => {
  it("answers 503 problem+json with Retry-After and no internals", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await handleTokenRequest(
        {
          getSession: async () => {
            throw new Error("connect ECONNREFUSED 127.0.0.1:5432 password=hunter2");
          },
          tokenSettings: settings,
          countTokenRequest: harness.countTokenRequest,
        },
        new Request(`${WEB_ORIGIN}/api/token`, { headers: { cookie: "x=y" } }),
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const text = await response.text();
      expect(text).not.toMatch(/ECONNREFUSED|hunter2|at /);
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });
});

describe("GET /api/token's own limit, per user", () => {
  it("answers 429 problem+json with Retry-After past TOKEN_RATE_LIMIT_MAX, for that user only", async () => {
    const limited = await createAuthHarness({
      TOKEN_RATE_LIMIT_MAX: "3",
      TOKEN_RATE_LIMIT_WINDOW_SECONDS: "600",
    });
    try {
      const ask = (cookie: string) =>
        handleTokenRequest(
          {
            getSession: (h) => limited.auth.api.getSession({ headers: h }),
            tokenSettings: limited.config.token,
            countTokenRequest: limited.countTokenRequest,
          },
          new Request(`${WEB_ORIGIN}/api/token`, { headers: { cookie } }),
        );
      const alice = await limited.signUp();
      const bob = await limited.signUp();
      for (let i = 0; i < 3; i += 1) expect((await ask(alice.cookie)).status).toBe(200);

      const refused = await ask(alice.cookie);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(await refused.json()).toMatchObject({ status: 429, title: "Too Many Requests" });

      // Another person is not affected, and a second web process sees the same count.
      expect((await ask(bob.cookie)).status).toBe(200);
      const sibling = createDatabaseRateLimit(
        limited.db.db,
        "token",
        limited.config.tokenRateLimit,
      );
      expect(await sibling.count(alice.id)).toMatchObject({ allowed: false });
    } finally {
      await limited.close();
    }
  });
});
