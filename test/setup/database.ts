import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enableApiLogin, migrateDatabase, startEmbeddedPostgres } from "@ownlist/db";
import type {} from "@ownlist/db/testing"; // ProvidedContext keys
import type { TestProject } from "vitest/node";

const TEMPLATE_DATABASE = "ownlist_template";

/**
 * One real PostgreSQL for the whole run (embedded, in a throw-away data directory), with a
 * migrated template database. Each test file clones the template into a database of its own
 * (`createTestDatabase` in @ownlist/db/testing), which takes milliseconds. The api's login role
 * (migration 0002) belongs to the whole server: it gets its password once, here, and every clone
 * hands its URL to the apps under test, which log in exactly as the api does in production.
 */
export default async function setup(project: TestProject) {
  const pg = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `ownlist-test-pg-${randomBytes(4).toString("hex")}`),
    database: TEMPLATE_DATABASE,
    ephemeral: true,
  });
  await migrateDatabase(pg.url);
  const apiLoginUrl = await enableApiLogin(pg.url, pg.apiLoginPassword);
  project.provide("databaseAdminUrl", pg.adminUrl);
  project.provide("databaseApiLoginUrl", apiLoginUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return () => pg.stop();
}
