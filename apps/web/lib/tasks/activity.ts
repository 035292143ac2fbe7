/**
 * Counts the api writes in flight, so that a read racing them (the overall counts) can be
 * retried once they have landed instead of overwriting local changes with an older snapshot.
 */
export interface ActivityTracker {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves when no tracked work is in flight. */
  whenIdle(): Promise<void>;
  /** Increments whenever tracked work starts: a changed value means "something happened". */
  readonly started: number;
  readonly active: number;
}

export function createActivityTracker(): ActivityTracker {
  let active = 0;
  let started = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    active -= 1;
    if (active === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };
  return {
    track(work) {
      active += 1;
      started += 1;
      work.then(settle, settle);
      return work;
    },
    whenIdle() {
      return active === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    get started() {
      return started;
    },
    get active() {
      return active;
    },
  };
}
