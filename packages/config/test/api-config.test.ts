import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/parse-config.ts";

const secret = "s".repeat(32);

describe("parseConfig: the api's limits", () => {
  it("defaults to generous limits and short timeouts", () => {
    expect(parseConfig({ BETTER_AUTH_SECRET: secret }).apiLimits).toEqual({
      rateLimitWindowSeconds: 60,
      rateLimitMax: 10_000,
      rejectedRateLimitMax: 100,
      maxTasksPerUser: 10_000,
      headersTimeoutSeconds: 10,
      requestTimeoutSeconds: 30,
      connectionTimeoutSeconds: 72,
      databaseStatementTimeoutMs: 5_000,
      databaseIdleInTransactionTimeoutMs: 10_000,
    });
  });

  it("reads every variable, and 0 turns a rate limit off", () => {
    const limits = parseConfig({
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
    }).apiLimits;
    expect(limits).toEqual({
      rateLimitWindowSeconds: 5,
      rateLimitMax: 0,
      rejectedRateLimitMax: 0,
      maxTasksPerUser: 3,
      headersTimeoutSeconds: 2,
      requestTimeoutSeconds: 4,
      connectionTimeoutSeconds: 6,
      databaseStatementTimeoutMs: 100,
      databaseIdleInTransactionTimeoutMs: 200,
    });
  });

  it.each([
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
    [
      { API_HEADERS_TIMEOUT_SECONDS: "20", API_REQUEST_TIMEOUT_SECONDS: "10" },
      "API_REQUEST_TIMEOUT_SECONDS",
    ],
  ])("rejects %j naming %s", (env, variable) => {
    const parse = () => parseConfig({ BETTER_AUTH_SECRET: secret, ...env });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(new RegExp(`^${variable}: `));
  });
});
