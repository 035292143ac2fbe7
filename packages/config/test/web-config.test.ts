import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/variables.ts";
import { parseWebConfig } from "../src/web-config.ts";

const secret = "s".repeat(32);

describe("web sign-in settings", () => {
  it("limits sign-in and sign-up to 5 per 60 s and trusts no proxy by default", () => {
    const config = parseWebConfig({ BETTER_AUTH_SECRET: secret });
    expect(config.authRateLimit).toEqual({ windowSeconds: 60, max: 5 });
    expect(config.trustedProxies).toEqual([]);
  });

  it("reads AUTH_RATE_LIMIT_WINDOW_SECONDS and AUTH_RATE_LIMIT_MAX", () => {
    const config = parseWebConfig({
      BETTER_AUTH_SECRET: secret,
      AUTH_RATE_LIMIT_WINDOW_SECONDS: "10",
      AUTH_RATE_LIMIT_MAX: "1000",
    });
    expect(config.authRateLimit).toEqual({ windowSeconds: 10, max: 1000 });
  });

  it("limits sign-in attempts per account to 10 per 900 s and tokens to 60 per 60 s by default", () => {
    const config = parseWebConfig({ BETTER_AUTH_SECRET: secret });
    expect(config.failedSignInLimit).toEqual({ windowSeconds: 900, max: 10 });
    expect(config.tokenRateLimit).toEqual({ windowSeconds: 60, max: 60 });
  });

  it("reads AUTH_FAILED_SIGN_IN_* and TOKEN_RATE_LIMIT_*", () => {
    const config = parseWebConfig({
      BETTER_AUTH_SECRET: secret,
      AUTH_FAILED_SIGN_IN_MAX: "3",
      AUTH_FAILED_SIGN_IN_WINDOW_SECONDS: "120",
      TOKEN_RATE_LIMIT_MAX: "7",
      TOKEN_RATE_LIMIT_WINDOW_SECONDS: "30",
    });
    expect(config.failedSignInLimit).toEqual({ windowSeconds: 120, max: 3 });
    expect(config.tokenRateLimit).toEqual({ windowSeconds: 30, max: 7 });
  });

  it("splits TRUSTED_PROXIES into addresses and CIDR ranges", () => {
    const config = parseWebConfig({
      BETTER_AUTH_SECRET: secret,
      TRUSTED_PROXIES: "10.0.0.5, 10.1.0.0/16,fd00::/8 , ::1",
    });
    expect(config.trustedProxies).toEqual(["10.0.0.5", "10.1.0.0/16", "fd00::/8", "::1"]);
  });

  it.each([
    [{ AUTH_RATE_LIMIT_MAX: "0" }, "AUTH_RATE_LIMIT_MAX"],
    [{ AUTH_RATE_LIMIT_MAX: "five" }, "AUTH_RATE_LIMIT_MAX"],
    [{ AUTH_RATE_LIMIT_WINDOW_SECONDS: "-1" }, "AUTH_RATE_LIMIT_WINDOW_SECONDS"],
    [{ AUTH_FAILED_SIGN_IN_MAX: "0" }, "AUTH_FAILED_SIGN_IN_MAX"],
    [{ AUTH_FAILED_SIGN_IN_WINDOW_SECONDS: "x" }, "AUTH_FAILED_SIGN_IN_WINDOW_SECONDS"],
    [{ TOKEN_RATE_LIMIT_MAX: "0" }, "TOKEN_RATE_LIMIT_MAX"],
    [{ TOKEN_RATE_LIMIT_WINDOW_SECONDS: "1.5" }, "TOKEN_RATE_LIMIT_WINDOW_SECONDS"],
    [{ TRUSTED_PROXIES: "proxy.internal" }, "TRUSTED_PROXIES"],
    [{ TRUSTED_PROXIES: "10.0.0.0/33" }, "TRUSTED_PROXIES"],
    [{ TRUSTED_PROXIES: "fd00::/129" }, "TRUSTED_PROXIES"],
    [{ TRUSTED_PROXIES: "10.0.0.1,,10.0.0.2" }, "TRUSTED_PROXIES"],
    [{ TRUSTED_PROXIES: "10.0.0.0/8/1" }, "TRUSTED_PROXIES"],
  ])("rejects %j naming %s", (env, variable) => {
    const parse = () => parseWebConfig({ BETTER_AUTH_SECRET: secret, ...env });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(new RegExp(`^${variable}: `));
  });
});
