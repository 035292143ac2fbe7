import { describe, expect, it } from "vitest";
import { parseApiConfig } from "../src/api-config.ts";
import { ConfigError } from "../src/variables.ts";

const secret = "s".repeat(32);

describe("parseApiConfig: rate limits, task quota, socket and database timeouts", () => {
  it("defaults to generous limits and short timeouts", () => {
    const config = parseApiConfig({ BETTER_AUTH_SECRET: secret });
    expect(config.rateLimits).toEqual({
      windowSeconds: 60,
      maxPerUser: 10_000,
      maxRejectedPerAddress: 100,
    });
    expect(config.taskQuota).toEqual({ maxTasksPerUser: 10_000 });
    expect(config.socketTimeouts).toEqual({
      headersTimeoutSeconds: 10,
      requestTimeoutSeconds: 30,
      connectionTimeoutSeconds: 72,
    });
    expect(config.requestDeadlineMs).toBe(3_000);
    expect(config.importMaxBytes).toBe(10_485_760);
    expect(config.exportTimeoutSeconds).toBe(60);
    expect(config.shutdownTimeoutSeconds).toBe(10);
    expect(config.databaseTimeouts).toEqual({
      statementTimeoutMs: 5_000,
      idleInTransactionTimeoutMs: 10_000,
    });
  });

  it("reads every variable, and 0 turns a rate limit off", () => {
    const config = parseApiConfig({
      BETTER_AUTH_SECRET: secret,
      API_RATE_LIMIT_WINDOW_SECONDS: "5",
      API_RATE_LIMIT_MAX: "0",
      API_REJECTED_RATE_LIMIT_MAX: "0",
      API_MAX_TASKS_PER_USER: "3",
      API_HEADERS_TIMEOUT_SECONDS: "2",
      API_REQUEST_TIMEOUT_SECONDS: "4",
      API_CONNECTION_TIMEOUT_SECONDS: "6",
      API_DATABASE_STATEMENT_TIMEOUT_MS: "100",
      API_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "200",
      API_REQUEST_DEADLINE_MS: "1500",
      API_SHUTDOWN_TIMEOUT_SECONDS: "3",
      API_IMPORT_MAX_BYTES: "1000000",
      API_EXPORT_TIMEOUT_SECONDS: "120",
    });
    expect(config.rateLimits).toEqual({
      windowSeconds: 5,
      maxPerUser: 0,
      maxRejectedPerAddress: 0,
    });
    expect(config.taskQuota).toEqual({ maxTasksPerUser: 3 });
    expect(config.socketTimeouts).toEqual({
      headersTimeoutSeconds: 2,
      requestTimeoutSeconds: 4,
      connectionTimeoutSeconds: 6,
    });
    expect(config.requestDeadlineMs).toBe(1500);
    expect(config.importMaxBytes).toBe(1_000_000);
    expect(config.exportTimeoutSeconds).toBe(120);
    expect(config.shutdownTimeoutSeconds).toBe(3);
    expect(config.databaseTimeouts).toEqual({
      statementTimeoutMs: 100,
      idleInTransactionTimeoutMs: 200,
    });
  });

  it("counts in this process unless told to share a Redis", () => {
    expect(parseApiConfig({ BETTER_AUTH_SECRET: secret }).rateLimitStore).toEqual({
      kind: "memory",
    });
    // REDIS_URL alone changes nothing: the store is chosen explicitly.
    expect(
      parseApiConfig({ BETTER_AUTH_SECRET: secret, REDIS_URL: "not a url" }).rateLimitStore,
    ).toEqual({ kind: "memory" });
    expect(
      parseApiConfig({
        BETTER_AUTH_SECRET: secret,
        API_RATE_LIMIT_STORE: "redis",
        REDIS_URL: "redis://127.0.0.1:6390/0",
      }).rateLimitStore,
    ).toEqual({ kind: "redis", url: "redis://127.0.0.1:6390/0" });
  });

  it.each([
    [{ API_RATE_LIMIT_STORE: "postgres" }, "API_RATE_LIMIT_STORE"],
    [{ API_RATE_LIMIT_STORE: "redis" }, "REDIS_URL"],
    [{ API_RATE_LIMIT_STORE: "redis", REDIS_URL: "http://127.0.0.1:6379" }, "REDIS_URL"],
    [{ API_RATE_LIMIT_STORE: "redis", REDIS_URL: "127.0.0.1:6379" }, "REDIS_URL"],
    [{ API_RATE_LIMIT_MAX: "-1" }, "API_RATE_LIMIT_MAX"],
    [{ API_REJECTED_RATE_LIMIT_MAX: "lots" }, "API_REJECTED_RATE_LIMIT_MAX"],
    [{ API_RATE_LIMIT_WINDOW_SECONDS: "0" }, "API_RATE_LIMIT_WINDOW_SECONDS"],
    [{ API_MAX_TASKS_PER_USER: "0" }, "API_MAX_TASKS_PER_USER"],
    [{ API_HEADERS_TIMEOUT_SECONDS: "0" }, "API_HEADERS_TIMEOUT_SECONDS"],
    [{ API_CONNECTION_TIMEOUT_SECONDS: "1.5" }, "API_CONNECTION_TIMEOUT_SECONDS"],
    [{ API_DATABASE_STATEMENT_TIMEOUT_MS: "0" }, "API_DATABASE_STATEMENT_TIMEOUT_MS"],
    [{ API_DATABASE_STATEMENT_TIMEOUT_MS: "99" }, "API_DATABASE_STATEMENT_TIMEOUT_MS"],
    [
      { API_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "0" },
      "API_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS",
    ],
    [{ API_REQUEST_DEADLINE_MS: "99" }, "API_REQUEST_DEADLINE_MS"],
    [{ API_SHUTDOWN_TIMEOUT_SECONDS: "0" }, "API_SHUTDOWN_TIMEOUT_SECONDS"],
    [{ API_IMPORT_MAX_BYTES: "1000" }, "API_IMPORT_MAX_BYTES"],
    [{ API_IMPORT_MAX_BYTES: "10MB" }, "API_IMPORT_MAX_BYTES"],
    [{ API_EXPORT_TIMEOUT_SECONDS: "0" }, "API_EXPORT_TIMEOUT_SECONDS"],
    [
      { API_HEADERS_TIMEOUT_SECONDS: "20", API_REQUEST_TIMEOUT_SECONDS: "10" },
      "API_REQUEST_TIMEOUT_SECONDS",
    ],
  ])("rejects %j naming %s", (env, variable) => {
    const parse = () => parseApiConfig({ BETTER_AUTH_SECRET: secret, ...env });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(new RegExp(`^${variable}: `));
  });
});
