import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/parse-config.ts";

const secret = "s".repeat(32);

describe("parseConfig", () => {
  it("applies the contract's defaults", () => {
    const config = parseConfig({ BETTER_AUTH_SECRET: secret });
    expect(config.jwt).toEqual({
      ttlSeconds: 900,
      issuer: "ownlist-web",
      audience: "ownlist-api",
      clockSkewSeconds: 30,
      previousSecrets: [],
    });
    expect(config.webOrigin).toBe("http://localhost:3000");
    expect(config.apiUrl).toBe("http://localhost:8000");
    expect(config.port).toBe(3000);
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
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`^${variable}: `));
  });

  it("splits previous secrets on commas", () => {
    const config = parseConfig({
      BETTER_AUTH_SECRET: secret,
      JWT_PREVIOUS_SECRETS: `${"a".repeat(32)}, ${"b".repeat(40)}`,
    });
    expect(config.jwt.previousSecrets).toEqual(["a".repeat(32), "b".repeat(40)]);
  });
});
