import { describe, expect, it } from "vitest";
import { parseApiConfig } from "../src/api-config.ts";
import { ConfigError } from "../src/variables.ts";

const secret = "s".repeat(32);

describe("api admission queue settings", () => {
  it("works on 64 requests at once, queues 4096 and listens with a backlog of 4096 by default", () => {
    const config = parseApiConfig({ BETTER_AUTH_SECRET: secret });
    expect(config.admissionQueue).toEqual({ maxInFlight: 64, maxQueue: 4096 });
    expect(config.listenBacklog).toBe(4096);
    expect(config.workers).toBe(1);
  });

  it("reads API_MAX_IN_FLIGHT, API_MAX_QUEUE and API_LISTEN_BACKLOG", () => {
    const config = parseApiConfig({
      BETTER_AUTH_SECRET: secret,
      API_MAX_IN_FLIGHT: "8",
      API_MAX_QUEUE: "0",
      API_LISTEN_BACKLOG: "511",
      API_WORKERS: "2",
    });
    expect(config.workers).toBe(2);
    expect(config.admissionQueue).toEqual({ maxInFlight: 8, maxQueue: 0 });
    expect(config.listenBacklog).toBe(511);
  });

  it.each(["API_MAX_IN_FLIGHT", "API_MAX_QUEUE", "API_LISTEN_BACKLOG", "API_WORKERS"])(
    "names %s when it is not a valid integer",
    (variable) => {
      expect(() => parseApiConfig({ BETTER_AUTH_SECRET: secret, [variable]: "-3" })).toThrow(
        ConfigError,
      );
      expect(() => parseApiConfig({ BETTER_AUTH_SECRET: secret, [variable]: "x" })).toThrow(
        variable,
      );
    },
  );
});
