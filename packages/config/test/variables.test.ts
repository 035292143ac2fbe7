import { describe, expect, it } from "vitest";
import { parseApiConfig } from "../src/api-config.ts";
import { ConfigError, readLogLevel } from "../src/variables.ts";
import { parseWebConfig } from "../src/web-config.ts";

const secret = "s".repeat(32);

describe("the variables api and web share", () => {
  it("applies the contract's defaults", () => {
    const config = parseApiConfig({ BETTER_AUTH_SECRET: secret });
    expect(config.token).toEqual({
      secret,
      ttlSeconds: 900,
      issuer: "ownlist-web",
      audience: "ownlist-api",
      clockSkewSeconds: 30,
      previousSecrets: [],
    });
    expect(config.webOrigin).toBe("http://localhost:3000");
    expect(config.apiUrl).toBe("http://localhost:8000");
    expect(parseWebConfig({ BETTER_AUTH_SECRET: secret }).port).toBe(3000);
    expect(config.apiPort).toBe(8000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.apiDatabaseUrl).toBeUndefined();
  });

  it.each([
    [{ BETTER_AUTH_SECRET: "short" }, "BETTER_AUTH_SECRET"],
    [{}, "BETTER_AUTH_SECRET"],
    [{ BETTER_AUTH_SECRET: secret, JWT_TTL_SECONDS: "15m" }, "JWT_TTL_SECONDS"],
    [{ BETTER_AUTH_SECRET: secret, API_PORT: "70000" }, "API_PORT"],
    [{ BETTER_AUTH_SECRET: secret, DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ BETTER_AUTH_SECRET: secret, API_DATABASE_URL: "not a url" }, "API_DATABASE_URL"],
    [{ BETTER_AUTH_SECRET: secret, WEB_ORIGIN: "http://x.test/path" }, "WEB_ORIGIN"],
    [{ BETTER_AUTH_SECRET: secret, JWT_PREVIOUS_SECRETS: "tooshort" }, "JWT_PREVIOUS_SECRETS"],
    [{ BETTER_AUTH_SECRET: secret, NODE_ENV: "staging" }, "NODE_ENV"],
  ])("rejects %j naming the variable %s", (env, variable) => {
    expect(() => parseApiConfig(env)).toThrow(ConfigError);
    expect(() => parseApiConfig(env)).toThrow(new RegExp(`^${variable}: `));
  });

  it("splits previous secrets on commas", () => {
    const config = parseWebConfig({
      BETTER_AUTH_SECRET: secret,
      JWT_PREVIOUS_SECRETS: `${"a".repeat(32)}, ${"b".repeat(40)}`,
    });
    expect(config.token.previousSecrets).toEqual(["a".repeat(32), "b".repeat(40)]);
  });

  it("reads LOG_LEVEL as a pino level, info by default, and names it when it is not one", () => {
    expect(readLogLevel({})).toBe("info");
    expect(readLogLevel({ LOG_LEVEL: "warn" })).toBe("warn");
    expect(parseApiConfig({ BETTER_AUTH_SECRET: secret, LOG_LEVEL: "silent" }).logLevel).toBe(
      "silent",
    );
    const parse = () => parseApiConfig({ BETTER_AUTH_SECRET: secret, LOG_LEVEL: "verbose" });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/^LOG_LEVEL: /);
  });
});
