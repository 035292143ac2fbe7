/** Seconds to wait when a key is over its limit; undefined when the request may go on. */
export type Wait = number | undefined;

/**
 * A fixed-window count per key (docs/contract.md#limits). Synchronous when it counts in this
 * process, a promise when it asks a shared store.
 */
export interface WindowCounter {
  /** Adds one hit; returns the seconds to wait when the key is now over the limit. */
  hit(key: string): Wait | Promise<Wait>;
  /** The seconds to wait when the key has already used up its window, without counting. */
  blocked(key: string): Wait | Promise<Wait>;
}

/**
 * Counts hits per key in fixed windows, in this process's memory. Each replica (and each cluster
 * worker) counts on its own, so with several processes the effective limit is `max` × processes:
 * the default for one process (`npm start`), and what a shared store falls back to while it is
 * unreachable (decision 041). Expired keys are dropped once per window, so memory is bounded by
 * the keys seen in one window.
 */
export class FixedWindowCounter implements WindowCounter {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): Wait {
    const entry = this.current(key, now);
    entry.count += 1;
    return entry.count > this.max ? secondsUntil(entry.resetAt, now) : undefined;
  }

  blocked(key: string, now = Date.now()): Wait {
    const entry = this.counts.get(key);
    if (entry === undefined || entry.resetAt <= now || entry.count < this.max) return undefined;
    return secondsUntil(entry.resetAt, now);
  }

  private current(key: string, now: number) {
    if (now >= this.nextSweep) this.sweep(now);
    let entry = this.counts.get(key);
    if (entry === undefined || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.windowMs };
      this.counts.set(key, entry);
    }
    return entry;
  }

  private sweep(now: number) {
    for (const [key, entry] of this.counts) if (entry.resetAt <= now) this.counts.delete(key);
    this.nextSweep = now + this.windowMs;
  }
}

/** `Retry-After` for a window that ends `ms` from now: whole seconds, at least 1. */
export function secondsFor(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function secondsUntil(time: number, now: number): number {
  return secondsFor(time - now);
}
