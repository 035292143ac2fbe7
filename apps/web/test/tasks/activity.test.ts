import { describe, expect, it } from "vitest";
import { createActivityTracker } from "../../lib/tasks/activity.ts";

describe("activity tracker", () => {
  it("waits for tracked work, failed or not, and counts starts", async () => {
    const tracker = createActivityTracker();
    await tracker.whenIdle();
    let finish!: () => void;
    const slow = tracker.track(new Promise<void>((resolve) => (finish = resolve)));
    const failing = tracker.track(Promise.reject(new Error("refused")));
    failing.catch(() => undefined);
    expect(tracker.started).toBe(2);
    let idle = false;
    const waiting = tracker.whenIdle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    finish();
    await slow;
    await waiting;
    expect(idle).toBe(true);
    expect(tracker.active).toBe(0);
  });
});
