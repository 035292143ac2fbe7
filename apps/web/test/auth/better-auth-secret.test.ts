import { describe, expect, it } from "vitest";
import {
  BETTER_AUTH_KEY_LABEL,
  deriveBetterAuthSecret,
} from "../../lib/auth/better-auth-secret.ts";

const SECRET = "a-development-secret-of-at-least-32-characters";

describe("deriveBetterAuthSecret", () => {
  it("is HKDF-SHA256 of BETTER_AUTH_SECRET under Ownlist's label, 32 bytes, base64url", async () => {
    // An independent HKDF (WebCrypto) with the same inputs must give the same key.
    const material = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(SECRET),
      "HKDF",
      false,
      ["deriveBits"],
    );
    const bits = await crypto.subtle.deriveBits(
      {
        name: "HKDF",
        hash: "SHA-256",
        salt: new Uint8Array(),
        info: new TextEncoder().encode(BETTER_AUTH_KEY_LABEL),
      },
      material,
      256,
    );
    expect(deriveBetterAuthSecret(SECRET)).toBe(Buffer.from(bits).toString("base64url"));
    expect(BETTER_AUTH_KEY_LABEL).toBe("ownlist/better-auth/v1");
  });

  it("is stable for one secret, differs between secrets, and never equals the input", () => {
    const derived = deriveBetterAuthSecret(SECRET);
    expect(deriveBetterAuthSecret(SECRET)).toBe(derived);
    expect(deriveBetterAuthSecret(`${SECRET}!`)).not.toBe(derived);
    expect(derived).not.toBe(SECRET);
    expect(derived).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
