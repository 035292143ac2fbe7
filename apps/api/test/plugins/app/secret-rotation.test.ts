import { parseApiConfig } from "@ownlist/config";
import { signApiToken } from "@ownlist/token";
import { beforeAll, describe, expect, it } from "vitest";
import { build, TEST_SECRET, type TestUser } from "../../helper.ts";

const OLD_SECRET = "the-previous-secret-still-valid-for-one-ttl";
const RETIRED_SECRET = "a-secret-retired-long-ago-and-not-listed-anymore";
const t = build({ JWT_PREVIOUS_SECRETS: OLD_SECRET });
let alice: TestUser;

beforeAll(async () => {
  alice = await t.createUser("Alice");
});

/** A token as web signed it while `secret` was BETTER_AUTH_SECRET. */
function tokenSignedWith(secret: string): string {
  const settings = parseApiConfig({ NODE_ENV: "test", BETTER_AUTH_SECRET: secret }).token;
  return signApiToken(settings, alice).token;
}

describe("secret rotation (JWT_PREVIOUS_SECRETS)", () => {
  it("accepts tokens signed with the current secret and with a listed previous one", async () => {
    for (const secret of [TEST_SECRET, OLD_SECRET]) {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/${alice.id}/tasks`,
        headers: { authorization: `Bearer ${tokenSignedWith(secret)}` },
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it("refuses a token signed with a secret no longer listed", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/${alice.id}/tasks`,
      headers: { authorization: `Bearer ${tokenSignedWith(RETIRED_SECRET)}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toContain('error="invalid_token"');
  });
});
