import { describe, expect, it } from "vitest";
import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryPolicy,
  TemporaryFailureError,
  withRetries,
} from "../../lib/api-client/retry.ts";

/** A fake clock that only moves when the retry loop sleeps: no real time passes in these tests. */
function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

/** Answers (or errors) in order; the last one repeats. */
function scripted(...answers: Array<number | Error | Response>) {
  const calls: number[] = [];
  const attempt = async () => {
    calls.push(calls.length);
    const next = answers.length > 1 ? answers.shift() : answers[0];
    if (next instanceof Error) throw next;
    if (next instanceof Response) return next;
    return new Response(null, { status: next });
  };
  return { attempt, calls };
}

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
const half = () => 0.5;

describe("withRetries", () => {
  it("retries a network error, 503 and 429, then returns the answer", async () => {
    const time = fakeTime();
    const { attempt, calls } = scripted(new TypeError("Failed to fetch"), 503, 429, 201);
    const response = await withRetries(attempt, { ...time, random: half, policy });
    expect(response.status).toBe(201);
    expect(calls).toHaveLength(4);
    expect(time.waits).toHaveLength(3);
  });

  it("does not retry another 4xx or a 500", async () => {
    for (const status of [400, 401, 403, 404, 409, 422, 500]) {
      const time = fakeTime();
      const { attempt, calls } = scripted(status, 201);
      const response = await withRetries(attempt, { ...time, random: half, policy });
      expect(response.status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it("waits at least what Retry-After says", async () => {
    const time = fakeTime();
    const { attempt } = scripted(
      new Response(null, { status: 503, headers: { "retry-after": "7" } }),
      200,
    );
    await withRetries(attempt, { ...time, random: () => 0, policy });
    expect(time.waits).toEqual([7_000]);
  });

  it("backs off exponentially with jitter when there is no Retry-After", async () => {
    const time = fakeTime();
    const { attempt } = scripted(503, 503, 503, 503, 503, 503, 200);
    await withRetries(attempt, { ...time, random: () => 0.999, policy });
    // Each step is within [step/2, step), doubling up to the cap.
    const steps = [500, 1_000, 2_000, 4_000, 8_000, 8_000];
    time.waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual((steps[index] as number) / 2);
      expect(wait).toBeLessThan(steps[index] as number);
    });
  });

  it("gives up within the bound: the last answer comes back", async () => {
    const time = fakeTime();
    const { attempt, calls } = scripted(503);
    const response = await withRetries(attempt, { ...time, random: half, policy });
    expect(response.status).toBe(503);
    expect(calls.length).toBeGreaterThan(2);
    expect(time.now()).toBeLessThanOrEqual(policy.giveUpAfterMs);
  });

  it("gives up at once when Retry-After is past the bound, rather than retry early", async () => {
    const time = fakeTime();
    const { attempt, calls } = scripted(
      new Response(null, { status: 429, headers: { "retry-after": "3600" } }),
    );
    const response = await withRetries(attempt, { ...time, random: half, policy });
    expect(response.status).toBe(429);
    expect(calls).toHaveLength(1);
    expect(time.waits).toEqual([]);
  });

  it("rethrows the network error once the bound is reached", async () => {
    const time = fakeTime();
    const { attempt } = scripted(new TypeError("Failed to fetch"));
    await expect(withRetries(attempt, { ...time, random: half, policy })).rejects.toThrow(
      "Failed to fetch",
    );
    expect(time.now()).toBeLessThanOrEqual(policy.giveUpAfterMs);
  });

  it("honours a temporary failure's own Retry-After (web's token route)", async () => {
    const time = fakeTime();
    const { attempt } = scripted(new TemporaryFailureError("token 503", 5_000), 200);
    await withRetries(attempt, { ...time, random: () => 0, policy });
    expect(time.waits).toEqual([5_000]);
  });

  it("does not retry other errors, nor after the caller aborts", async () => {
    const time = fakeTime();
    const { attempt, calls } = scripted(new Error("bug"), 200);
    await expect(withRetries(attempt, { ...time, policy })).rejects.toThrow("bug");
    expect(calls).toHaveLength(1);

    const controller = new AbortController();
    const aborting = scripted(503, 200);
    const result = withRetries(aborting.attempt, {
      ...time,
      policy,
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw controller.signal.reason as Error;
      },
    });
    await expect(result).rejects.toThrow();
    expect(aborting.calls).toHaveLength(1);
  });

  it("abandons an attempt that does not answer and tries again", async () => {
    const time = fakeTime();
    let calls = 0;
    const attempt = (signal: AbortSignal) => {
      calls += 1;
      if (calls > 1) return Promise.resolve(new Response(null, { status: 201 }));
      return new Promise<Response>((_, reject) => {
        signal.addEventListener("abort", () => reject(new DOMException("timeout", "AbortError")));
      });
    };
    const response = await withRetries(attempt, {
      ...time,
      random: half,
      policy: { ...policy, attemptTimeoutMs: 5 },
    });
    expect(response.status).toBe(201);
    expect(calls).toBe(2);
  });

  it("reports retrying while it waits, and stops reporting when settled", async () => {
    const time = fakeTime();
    const reports: boolean[] = [];
    const { attempt } = scripted(503, 503, 200);
    await withRetries(attempt, {
      ...time,
      random: half,
      policy,
      onRetrying: (r) => reports.push(r),
    });
    expect(reports).toEqual([true, false]);

    const quiet: boolean[] = [];
    await withRetries(scripted(200).attempt, { ...time, policy, onRetrying: (r) => quiet.push(r) });
    expect(quiet).toEqual([]);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, ignores the rest", () => {
    expect(parseRetryAfter("5", 0)).toBe(5_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe("backoffMs", () => {
  it("adds jitter on top of Retry-After, never below it", () => {
    expect(backoffMs(0, 2_000, policy, () => 0)).toBe(2_000);
    expect(backoffMs(0, 2_000, policy, () => 0.99)).toBeGreaterThan(2_000);
  });
});
