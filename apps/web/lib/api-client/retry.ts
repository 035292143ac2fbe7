/**
 * When and how long the browser waits before asking the api again
 * (docs/contract.md#retries-from-the-browser). Pure apart from the clock, the timer and the
 * random source, which tests replace.
 */

export interface RetryPolicy {
  /** First backoff step; each further retry doubles it, up to `maxBackoffMs`. */
  baseBackoffMs: number;
  /** Ceiling of one backoff step (when the api gave no Retry-After). */
  maxBackoffMs: number;
  /**
   * How long one logical call may take in all, retries and waits included. Past it the caller
   * gets the last answer (or error) and rolls back.
   */
  giveUpAfterMs: number;
  /** One attempt that has not answered by then is abandoned (and retried, time permitting). */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseBackoffMs: 500,
  maxBackoffMs: 8_000,
  giveUpAfterMs: 30_000,
  attemptTimeoutMs: 10_000,
};

/** Answers worth asking again: the service is briefly away (503) or wants us to slow down (429). */
export function isRetryableStatus(status: number): boolean {
  return status === 503 || status === 429;
}

/**
 * Thrown by an attempt for a temporary failure that is not an HTTP answer from the api (web's
 * token route being unavailable, for instance); `retryAfterMs` when the server said how long.
 */
export class TemporaryFailureError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "TemporaryFailureError";
  }
}

/** fetch rejects with a TypeError when no answer arrived (offline, reset, DNS, CORS). */
export function isRetryableError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof TemporaryFailureError;
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds from `nowMs`: delay-seconds or an HTTP-date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * The wait before retry number `retry` (0 for the first). A Retry-After is honoured (never
 * earlier) plus a little jitter, so that many tabs told the same time do not return at once;
 * otherwise exponential backoff with "equal jitter" (half fixed, half random).
 */
export function backoffMs(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): number {
  const step = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** retry);
  if (retryAfterMs !== undefined) return retryAfterMs + Math.floor(random() * policy.baseBackoffMs);
  return Math.floor(step / 2 + random() * (step / 2));
}

export interface RetryOptions {
  policy?: RetryPolicy;
  /** The caller's cancellation: stops the current attempt and any wait. */
  signal?: AbortSignal | null;
  /** Told `true` when a wait before a retry starts, `false` once the call has settled. */
  onRetrying?: (retrying: boolean) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  random?: () => number;
}

/**
 * Runs `attempt` until it gives an answer that is not retryable, the caller aborts, or the
 * policy's time is up. Each attempt gets a signal that fires at its own timeout or the caller's
 * abort. The caller makes retries safe: a write carries the same Idempotency-Key every time.
 */
export async function withRetries(
  attempt: (signal: AbortSignal) => Promise<Response>,
  options: RetryOptions = {},
): Promise<Response> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const signal = options.signal ?? undefined;
  const deadline = now() + policy.giveUpAfterMs;
  let retrying = false;
  try {
    for (let retry = 0; ; retry += 1) {
      let retryAfterMs: number | undefined;
      const timeout = new AbortController();
      const remaining = Math.max(0, deadline - now());
      const timer = setTimeout(() => timeout.abort(), Math.min(policy.attemptTimeoutMs, remaining));
      const attemptSignal = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
      try {
        const response = await attempt(attemptSignal);
        if (!isRetryableStatus(response.status)) return response;
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
        const wait = backoffMs(retry, retryAfterMs, policy, random);
        if (now() + wait >= deadline) return response;
        // The body of an answer we will not use: read it so the connection is free again.
        await response.body?.cancel().catch(() => undefined);
        retrying = startRetrying(retrying, options);
        await sleep(wait, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        const timedOut = timeout.signal.aborted;
        if (!timedOut && !isRetryableError(error)) throw error;
        if (error instanceof TemporaryFailureError) retryAfterMs = error.retryAfterMs;
        const wait = backoffMs(retry, retryAfterMs, policy, random);
        if (now() + wait >= deadline) {
          throw timedOut ? new TypeError("The api did not answer in time.") : error;
        }
        retrying = startRetrying(retrying, options);
        await sleep(wait, signal);
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    if (retrying) options.onRetrying?.(false);
  }
}

function startRetrying(already: boolean, options: RetryOptions): true {
  if (!already) options.onRetrying?.(true);
  return true;
}

/** setTimeout as a promise that rejects with the signal's reason when it is aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
