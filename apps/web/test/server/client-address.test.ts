import { getIP } from "@better-auth/core/utils/ip";
import { describe, expect, it } from "vitest";
import { forwardedForValue } from "../../lib/server/client-address.ts";

/** What Better Auth 1.7 concludes from the header we hand it (the production code path). */
function clientAddress(header: string | undefined, trustedProxies?: string[]): string | null {
  const headers = new Headers(header === undefined ? {} : { "x-forwarded-for": header });
  return getIP(headers, { advanced: { ipAddress: { trustedProxies } } });
}

describe("forwardedForValue", () => {
  it("without trusted proxies, replaces whatever the client sent with the socket's peer", () => {
    expect(forwardedForValue("203.0.113.99", "198.51.100.4", false)).toBe("198.51.100.4");
    expect(forwardedForValue(["1.1.1.1", "2.2.2.2"], "198.51.100.4", false)).toBe("198.51.100.4");
    expect(forwardedForValue(undefined, "::ffff:127.0.0.1", false)).toBe("::ffff:127.0.0.1");
  });

  it("has nothing to say when the socket has no address", () => {
    expect(forwardedForValue("203.0.113.99", undefined, false)).toBeUndefined();
  });

  it("with trusted proxies, appends the peer to the chain", () => {
    expect(forwardedForValue("203.0.113.99, 10.0.0.2", "10.0.0.1", true)).toBe(
      "203.0.113.99, 10.0.0.2, 10.0.0.1",
    );
    expect(forwardedForValue(undefined, "10.0.0.1", true)).toBe("10.0.0.1");
  });
});

describe("the address Better Auth ends up using", () => {
  it("is the socket's peer when no proxy is trusted, whatever the client claims", () => {
    const spoofed = forwardedForValue("203.0.113.99", "198.51.100.4", false);
    expect(clientAddress(spoofed)).toBe("198.51.100.4");
  });

  it("is the address a trusted proxy saw, behind that proxy", () => {
    const viaProxy = forwardedForValue("203.0.113.7", "10.0.0.1", true);
    expect(clientAddress(viaProxy, ["10.0.0.0/24"])).toBe("203.0.113.7");
  });

  it("is the socket's peer when a client bypasses the trusted proxy and forges the header", () => {
    const direct = forwardedForValue("203.0.113.99", "198.51.100.4", true);
    expect(clientAddress(direct, ["10.0.0.0/24"])).toBe("198.51.100.4");
  });
});
