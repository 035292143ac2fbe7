import { describe, expect, it, vi } from "vitest";
import {
  createTokenManager,
  type IssuedToken,
  refreshMarginMs,
  SessionEndedError,
  TokenRateLimitedError,
} from "../../lib/api-client/token-manager.ts";

const LIFETIME_MS = 900_000;

/** A token source whose answers the test releases by hand, and a clock the test moves. */
function setup() {
  let clock = 1_000_000;
  let issued = 0;
  const pending: Array<(token: IssuedToken) => void> = [];
  const fetchToken = vi.fn(
    () =>
      new Promise<IssuedToken>((resolve) => {
        pending.push(resolve);
      }),
  );
  const manager = createTokenManager({ fetchToken, now: () => clock });
  return {
    manager,
    fetchToken,
    advance: (ms: number) => {
      clock += ms;
    },
    /** Answers every waiting fetch with a new token. */
    release: () => {
      for (const resolve of pending.splice(0)) {
        issued += 1;
        resolve({ token: `token-${issued}`, lifetimeMs: LIFETIME_MS });
      }
    },
  };
}

describe("createTokenManager", () => {
  it("starts from a seeded token without asking, and refreshes it before its remaining life ends", async () => {
    const { manager, fetchToken, advance, release } = setup();
    const remaining = 600_000;
    manager.seed({ token: "from-the-page", lifetimeMs: remaining });
    expect(await manager.getToken()).toBe("from-the-page");
    expect(fetchToken).not.toHaveBeenCalled();

    advance(remaining - refreshMarginMs(remaining));
    const refreshed = manager.getToken();
    release();
    expect(await refreshed).toBe("token-1");
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it("ignores a seed while it holds a token, and forgets a seeded one on clear", async () => {
    const { manager, fetchToken, release } = setup();
    const first = manager.getToken();
    release();
    await first;
    manager.seed({ token: "older-page", lifetimeMs: LIFETIME_MS });
    expect(await manager.getToken()).toBe("token-1");

    manager.clear();
    manager.seed({ token: "from-the-page", lifetimeMs: LIFETIME_MS });
    manager.clear();
    const after = manager.getToken();
    release();
    expect(await after).toBe("token-2");
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("fetches once for many concurrent callers", async () => {
    const { manager, fetchToken, release } = setup();
    const tokens = Promise.all([manager.getToken(), manager.getToken(), manager.getToken()]);
    release();
    expect(await tokens).toEqual(["token-1", "token-1", "token-1"]);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it("reuses the token until shortly before it expires, then refreshes once", async () => {
    const { manager, fetchToken, advance, release } = setup();
    const first = manager.getToken();
    release();
    await first;
    advance(LIFETIME_MS - refreshMarginMs(LIFETIME_MS) - 1);
    expect(await manager.getToken()).toBe("token-1");
    expect(fetchToken).toHaveBeenCalledTimes(1);

    advance(1);
    const refreshed = Promise.all([manager.getToken(), manager.getToken()]);
    release();
    expect(await refreshed).toEqual(["token-2", "token-2"]);
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("refreshes a minute early for the default lifetime, a fifth early for short ones", () => {
    expect(refreshMarginMs(900_000)).toBe(60_000);
    expect(refreshMarginMs(10_000)).toBe(2_000);
  });

  it("replaces a token the api refused, once for all callers that saw it refused", async () => {
    const { manager, fetchToken, release } = setup();
    const first = manager.getToken();
    release();
    const rejected = await first;
    const retries = Promise.all([manager.refreshToken(rejected), manager.refreshToken(rejected)]);
    release();
    expect(await retries).toEqual(["token-2", "token-2"]);
    // A caller arriving late with the old token gets the new one without another request.
    expect(await manager.refreshToken(rejected)).toBe("token-2");
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("forgets the token on clear, and ignores a fetch that was in flight", async () => {
    const { manager, fetchToken, release } = setup();
    const inFlight = manager.getToken();
    manager.clear();
    release();
    await inFlight;
    const next = manager.getToken();
    release();
    expect(await next).toBe("token-2");
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("passes SessionEndedError on to every waiting caller and fetches again next time", async () => {
    let fail = true;
    const fetchToken = vi.fn(async (): Promise<IssuedToken> => {
      if (fail) throw new SessionEndedError();
      return { token: "after", lifetimeMs: LIFETIME_MS };
    });
    const manager = createTokenManager({ fetchToken, now: () => 0 });
    const results = await Promise.allSettled([manager.getToken(), manager.getToken()]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(SessionEndedError);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    fail = false;
    expect(await manager.getToken()).toBe("after");
  });

  it("after a 429 keeps an unexpired token, asks nothing until Retry-After, then asks again", async () => {
    let clock = 0;
    let answer: "token" | "429" = "token";
    let issued = 0;
    const fetchToken = vi.fn(async (): Promise<IssuedToken> => {
      if (answer === "429") throw new TokenRateLimitedError(120_000);
      issued += 1;
      return { token: `token-${issued}`, lifetimeMs: LIFETIME_MS };
    });
    const manager = createTokenManager({ fetchToken, now: () => clock });
    expect(await manager.getToken()).toBe("token-1");

    // In the refresh margin: the refresh is refused, the still-valid token is used.
    clock = LIFETIME_MS - refreshMarginMs(LIFETIME_MS);
    answer = "429";
    expect(await manager.getToken()).toBe("token-1");
    expect(fetchToken).toHaveBeenCalledTimes(2);
    // Within Retry-After: no further request, the same token.
    clock += 10_000;
    expect(await manager.getToken()).toBe("token-1");
    expect(fetchToken).toHaveBeenCalledTimes(2);

    // Expired and still limited: fails at once, without asking.
    clock = LIFETIME_MS + 1;
    await expect(manager.getToken()).rejects.toBeInstanceOf(TokenRateLimitedError);
    expect(fetchToken).toHaveBeenCalledTimes(2);

    // Retry-After has passed: asks again.
    clock = LIFETIME_MS - refreshMarginMs(LIFETIME_MS) + 120_000;
    answer = "token";
    expect(await manager.getToken()).toBe("token-2");
    expect(fetchToken).toHaveBeenCalledTimes(3);
  });
});
