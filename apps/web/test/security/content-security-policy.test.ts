import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "../../lib/security/content-security-policy.ts";

// The production policy is checked in a real browser by e2e/content-security-policy.test.ts;
// these pin what only other settings change.
const base = {
  nonce: "bm9uY2Utbm9uY2Utbm9uYw==",
  apiOrigin: "https://api.example.com",
  development: false,
  upgradeInsecureRequests: false,
};

function directive(policy: string, name: string): string | undefined {
  return policy.split("; ").find((entry) => entry === name || entry.startsWith(`${name} `));
}

describe("contentSecurityPolicy", () => {
  it("allows no eval and no inline style in production", () => {
    const policy = contentSecurityPolicy(base);
    expect(directive(policy, "script-src")).toBe(
      `script-src 'self' 'nonce-${base.nonce}' 'strict-dynamic'`,
    );
    expect(directive(policy, "style-src")).toBe(`style-src 'self' 'nonce-${base.nonce}'`);
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' https://api.example.com");
  });

  it("adds what next dev needs: eval for React's error stacks, inline styles for hot reload", () => {
    const policy = contentSecurityPolicy({ ...base, development: true });
    expect(directive(policy, "script-src")).toBe(
      `script-src 'self' 'nonce-${base.nonce}' 'strict-dynamic' 'unsafe-eval'`,
    );
    expect(directive(policy, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("upgrades insecure requests only when asked (web served over https)", () => {
    expect(directive(contentSecurityPolicy(base), "upgrade-insecure-requests")).toBeUndefined();
    expect(
      directive(
        contentSecurityPolicy({ ...base, upgradeInsecureRequests: true }),
        "upgrade-insecure-requests",
      ),
    ).toBe("upgrade-insecure-requests");
  });
});

describe("createNonce", () => {
  it("gives 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
