import { parseApiConfig } from "@ownlist/config";
import { signApiToken, type TokenSettings } from "@ownlist/token";
import type { BenchUser } from "../load/plan.ts";

/** The longest lifetime the configuration accepts (a day): no token expires during a run. */
const RUN_TTL_SECONDS = "86400";

/** The api's token settings for the run: its defaults, with the bench's secret and a long TTL. */
export function benchTokenSettings(secret: string): TokenSettings {
  return parseApiConfig({
    NODE_ENV: "production",
    BETTER_AUTH_SECRET: secret,
    JWT_TTL_SECONDS: RUN_TTL_SECONDS,
  }).token;
}

/** One token per user, minted exactly as web mints them. */
export function mintTokens(settings: TokenSettings, userIds: string[]): BenchUser[] {
  return userIds.map((id, index) => ({
    id,
    token: signApiToken(settings, {
      id,
      email: `bench-${index + 1}@example.test`,
      name: `Bench User ${index + 1}`,
    }).token,
  }));
}
