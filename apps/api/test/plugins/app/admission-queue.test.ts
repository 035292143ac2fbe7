import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { build } from "../../helper.ts";

// One request at a time, one waiting: a third is shed.
let started: () => void = () => {};
let finish: () => void = () => {};
const firstStarted = new Promise<void>((resolve) => (started = resolve));
const firstMayFinish = new Promise<void>((resolve) => (finish = resolve));
let served = 0;

const t = build({ API_MAX_IN_FLIGHT: "1", API_MAX_QUEUE: "1" }, (app) => {
  app.get("/test/hold", async () => {
    served += 1;
    if (served === 1) {
      started();
      await firstMayFinish;
    }
    return { served };
  });
});

describe("admission queue", () => {
  it("works on API_MAX_IN_FLIGHT requests, queues API_MAX_QUEUE in order, sheds the rest with 503", async () => {
    const first = t.app.inject({ method: "GET", url: "/test/hold" });
    await firstStarted;
    const second = t.app.inject({ method: "GET", url: "/test/hold" });
    const third = t.app.inject({ method: "GET", url: "/test/hold" });

    // Whichever of the two reached the full queue second is shed at once, while the first holds.
    const shed = await Promise.race([second, third]);
    expect(shed.statusCode).toBe(503);
    expect(shed.headers["content-type"]).toContain("application/problem+json");
    expect(shed.headers["retry-after"]).toBe("5");
    expect(shed.json()).toMatchObject({ status: 503, type: "urn:ownlist:problem:unavailable" });
    expect(served).toBe(1);

    finish();
    const responses: LightMyRequestResponse[] = await Promise.all([first, second, third]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 503]);
    expect((await first).json()).toEqual({ served: 1 });
    const waited = responses.find((r) => r !== shed && r !== responses[0]);
    expect(waited?.json()).toEqual({ served: 2 });
  });

  it("frees every slot once the work is done: later requests are served", async () => {
    // Two at once fit (one worked on, one waiting); a leaked slot would shed the second.
    for (let round = 0; round < 3; round++) {
      const pair = await Promise.all([t.app.inject("/test/hold"), t.app.inject("/test/hold")]);
      expect(pair.map((r) => r.statusCode)).toEqual([200, 200]);
    }
  });
});
