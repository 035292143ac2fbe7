/**
 * Counts hits per key in fixed windows, in this process's memory. Each replica (and each cluster
 * worker) counts on its own, so the effective limit is `max` × processes: a coarse brake against
 * abuse, not a quota. Expired keys are dropped once per window, so memory is bounded by the keys
 * seen in one window.
 */
export class FixedWindowCounter {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Adds one hit; returns the seconds to wait when the key is now over the limit. */
  hit(key: string, now = Date.now()): number | undefined {
    const entry = this.current(key, now);
    entry.count += 1;
    return entry.count > this.max ? secondsUntil(entry.resetAt, now) : undefined;
  }

  /** The seconds to wait when the key has already used up its window, without counting. */
  blocked(key: string, now = Date.now()): number | undefined {
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

function secondsUntil(time: number, now: number): number {
  return Math.max(1, Math.ceil((time - now) / 1000));
}
