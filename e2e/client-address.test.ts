import { createDb } from "@ownlist/db/client";
import { session } from "@ownlist/db/schema";
import { eq } from "drizzle-orm";
import { expect, inject, it } from "vitest";
import { useBrowser } from "@ownlist/test-kit/use-browser";
import { signUpViaApi } from "@ownlist/test-kit/users";

const browser = useBrowser();

it("records the socket's address, not one the client claims in X-Forwarded-For", async () => {
  // Web's own server (apps/web/server.ts) replaces the header; `next start` would pass it on,
  // and the rate limiter would count the invented address instead of the real one.
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.99" },
  });
  const user = await signUpViaApi(context);
  await context.close();

  const db = createDb(inject("e2eDatabaseUrl"), { max: 1 });
  try {
    const rows = await db.db
      .select({ ipAddress: session.ipAddress })
      .from(session)
      .where(eq(session.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ipAddress).toBeTruthy();
    expect(rows[0]?.ipAddress).not.toBe("203.0.113.99");
  } finally {
    await db.close();
  }
});
