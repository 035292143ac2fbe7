import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";

export interface TestDatabase {
  /** The owner's login (migrations, fixtures, web): what DATABASE_URL is in production. */
  url: string;
  /** The api's own login on this database (API_LOGIN_ROLE): what API_DATABASE_URL is. */
  apiUrl: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file, cloned from the template that the
 * global setup (test/setup/database.ts) migrated. Call `drop()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("databaseAdminUrl");
  const template = inject("templateDatabase");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    // Concurrent clones of one template can collide on its lock: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const apiUrl = new URL(inject("databaseApiLoginUrl"));
  apiUrl.pathname = `/${name}`;
  return {
    url: url.toString(),
    apiUrl: apiUrl.toString(),
    name,
    async drop() {
      const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by test/setup/database.ts: the embedded server's maintenance database. */
    databaseAdminUrl: string;
    /** Set by test/setup/database.ts: the api's login (API_LOGIN_ROLE), on the template. */
    databaseApiLoginUrl: string;
    /** Set by test/setup/database.ts: the migrated database each test file clones. */
    templateDatabase: string;
  }
}
