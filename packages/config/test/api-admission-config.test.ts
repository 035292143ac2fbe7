import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/parse-config.ts";

const secret = "s".repeat(32);

describe("api overload settings", () => {
  it("works on 64 requests at once, queues 4096 and listens with a backlog of 4096 by default", () => {
    const config = parseConfig({ BETTER_AUTH_SECRET: secret });
    expect(config.apiOverload).toEqual({ maxInFlight: 64, maxQueue: 4096 });
    expect(config.apiListenBacklog).toBe(4096);
    expect(config.apiWorkers).toBe(1);
  });

  it("reads API_MAX_IN_FLIGHT, API_MAX_QUEUE and API_LISTEN_BACKLOG", () => {
    const config = parseConfig({
      BETTER_AUTH_SECRET: secret,
      API_MAX_IN_FLIGHT: "8",
      API_MAX_QUEUE: "0",
      API_LISTEN_BACKLOG: "511",
      API_WORKERS: "2",
    });
    expect(config.apiWorkers).toBe(2);
    expect(config.apiOverload).toEqual({ maxInFlight: 8, maxQueue: 0 });
    expect(config.apiListenBacklog).toBe(511);
  });

  it.each(["API_MAX_IN_FLIGHT", "API_MAX_QUEUE", "API_LISTEN_BACKLOG", "API_WORKERS"])(
    "names %s when it is not a valid integer",
    (variable) => {
      expect(() => parseConfig({ BETTER_AUTH_SECRET: secret, [variable]: "-3" })).toThrow(
        ConfigError,
      );
      expect(() => parseConfig({ BETTER_AUTH_SECRET: secret, [variable]: "x" })).toThrow(variable);
    },
  );
});
