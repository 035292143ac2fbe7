import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { devSecretNotice, usesDevSecret } from "../src/dev-secret.ts";

const root = "/srv/ownlist";

describe("the development-secret notice npm start prints", () => {
  it("is one line naming the file when BETTER_AUTH_SECRET is unset outside production", () => {
    for (const env of [{}, { BETTER_AUTH_SECRET: "" }, { NODE_ENV: "development" }]) {
      const notice = devSecretNotice(env, root);
      expect(notice).toBe(
        `secret: BETTER_AUTH_SECRET is not set; using the generated development secret in ${join(root, ".data", "dev-secret")} (set BETTER_AUTH_SECRET for production)`,
      );
      expect(notice).not.toContain("\n");
      expect(usesDevSecret(env)).toBe(true);
    }
  });

  it("is absent when the environment sets the secret, and in production", () => {
    expect(devSecretNotice({ BETTER_AUTH_SECRET: "s".repeat(32) }, root)).toBeUndefined();
    // Production never generates one (the loaders then fail on the missing secret instead).
    expect(devSecretNotice({ NODE_ENV: "production" }, root)).toBeUndefined();
    expect(usesDevSecret({ NODE_ENV: "production" })).toBe(false);
  });
});
