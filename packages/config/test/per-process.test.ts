import { describe, expect, it } from "vitest";
import { parseApiConfig } from "../src/api-config.ts";
import { loadStartConfig, parseStartConfig } from "../src/start-config.ts";
import { ConfigError } from "../src/variables.ts";
import { parseWebConfig } from "../src/web-config.ts";

const secret = "s".repeat(32);

/** docs/contract.md#configuration: each process parses the variables it reads, and no others. */
describe("one loader per process", () => {
  it("gives the api what it reads and nothing of web's", () => {
    expect(Object.keys(parseApiConfig({ BETTER_AUTH_SECRET: secret })).sort()).toEqual(
      [
        "admissionQueue",
        "apiDatabaseUrl",
        "apiPort",
        "apiUrl",
        "databaseTimeouts",
        "idempotencyTtlHours",
        "exportTimeoutSeconds",
        "importMaxBytes",
        "databaseUrl",
        "host",
        "listenBacklog",
        "logLevel",
        "nodeEnv",
        "rateLimits",
        "rateLimitStore",
        "requestDeadlineMs",
        "shutdownTimeoutSeconds",
        "socketTimeouts",
        "taskQuota",
        "token",
        "trustedProxies",
        "webOrigin",
        "workers",
      ].sort(),
    );
    // A web-only variable with a bad value does not stop the api: it never reads it.
    expect(() =>
      parseApiConfig({ BETTER_AUTH_SECRET: secret, AUTH_RATE_LIMIT_MAX: "x" }),
    ).not.toThrow();
  });

  it("gives web what it reads and nothing of the api's", () => {
    expect(Object.keys(parseWebConfig({ BETTER_AUTH_SECRET: secret })).sort()).toEqual(
      [
        "apiUrl",
        "authRateLimit",
        "betterAuthSecret",
        "databaseUrl",
        "failedSignInLimit",
        "host",
        "nodeEnv",
        "port",
        "token",
        "tokenRateLimit",
        "trustedProxies",
        "webOrigin",
      ].sort(),
    );
    expect(() => parseWebConfig({ BETTER_AUTH_SECRET: secret, API_MAX_QUEUE: "x" })).not.toThrow();
  });

  it("signs on web with the settings the api verifies with", () => {
    const env = { BETTER_AUTH_SECRET: secret, JWT_ISSUER: "me", JWT_TTL_SECONDS: "60" };
    expect(parseWebConfig(env).token).toEqual(parseApiConfig(env).token);
  });

  it("gives the start script the database, ports, host and secret it hands on", () => {
    expect(parseStartConfig({ BETTER_AUTH_SECRET: secret, PORT: "3001", HOST: "0.0.0.0" })).toEqual(
      {
        nodeEnv: "development",
        betterAuthSecret: secret,
        databaseUrl: undefined,
        apiDatabaseUrl: undefined,
        port: 3001,
        apiPort: 8000,
        host: "0.0.0.0",
      },
    );
  });

  it.each([
    ["API_MAX_QUEUE", "x"],
    ["AUTH_RATE_LIMIT_MAX", "0"],
    ["LOG_LEVEL", "loud"],
  ])(
    "stops npm start before anything runs when %s=%s, which api or web would refuse",
    (name, value) => {
      const load = () => loadStartConfig({ BETTER_AUTH_SECRET: secret, [name]: value });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(new RegExp(`^${name}: `));
    },
  );
});
