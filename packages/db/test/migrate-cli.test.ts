import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";

const run = promisify(execFile);
const packageDir = join(import.meta.dirname, "..");
const journal = JSON.parse(
  readFileSync(join(packageDir, "migrations/meta/_journal.json"), "utf8"),
) as { entries: { tag: string }[] };

/** `npm run migrate` as its own process, from source (the unit is the same code, bundled). */
function migrate(databaseUrl: string) {
  return run(process.execPath, ["--import", "tsx", join(packageDir, "src/migrate-cli.ts")], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

describe("npm run migrate", () => {
  const adminUrl = inject("databaseAdminUrl");
  const name = `empty_${randomBytes(6).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let admin: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database "${name}" template template0`);
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("applies each migration exactly once when two processes start at once on an empty database", async () => {
    const results = await Promise.allSettled([migrate(url.toString()), migrate(url.toString())]);
    // Both exit 0 (a rejection carries the exit code and output).
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    const sql = postgres(url.toString(), { max: 1, onnotice: () => undefined });
    try {
      const rows = await sql<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
      expect(rows).toHaveLength(journal.entries.length);
      expect(new Set(rows.map((row) => row.hash)).size).toBe(journal.entries.length);
    } finally {
      await sql.end();
    }
  });

  it("stops with one line naming DATABASE_URL when it is unset", async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const failure = await run(
      process.execPath,
      ["--import", "tsx", join(packageDir, "src/migrate-cli.ts")],
      { cwd: packageDir, env },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr.trim()).toMatch(/^DATABASE_URL: /);
  });
});
