import { describe, expect, it } from "vitest";
import { createApiTokenVerifier, signApiToken, type TokenSettings } from "../src/index.ts";

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const settings: TokenSettings = {
  secret: "s".repeat(40),
  previousSecrets: [],
  issuer: "ownlist-web",
  audience: "ownlist-api",
  ttlSeconds: 900,
  clockSkewSeconds: 30,
};
const verify = createApiTokenVerifier(settings);

/**
 * Regression: a signature whose last base64url character differs only in the 2 bits that
 * Node's decoder ignores verified as the original (four valid spellings of one token).
 */
describe("HS256 signature encoding", () => {
  it("accepts only the canonical spelling of the signature's last character", () => {
    const { token } = signApiToken(settings, { id: "user-1", email: "a@example.test", name: "A" });
    expect(verify(token).ok).toBe(true);
    const index = BASE64URL.indexOf(token.at(-1) as string);
    for (let spare = 1; spare < 4; spare++) {
      const sibling = BASE64URL[(index & ~3) | spare] as string;
      const variant = `${token.slice(0, -1)}${sibling}`;
      expect(verify(variant)).toMatchObject({ ok: false, reason: "malformed" });
    }
  });

  it("refuses a signature one character too long or too short", () => {
    const { token } = signApiToken(settings, { id: "user-1", email: "a@example.test", name: "A" });
    expect(verify(`${token}A`).ok).toBe(false);
    expect(verify(token.slice(0, -1)).ok).toBe(false);
  });
});
