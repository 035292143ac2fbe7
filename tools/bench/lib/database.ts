import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  enableApiLogin,
  type EmbeddedPostgres,
  migrateDatabase,
  startEmbeddedPostgres,
} from "@ownlist/db";
import postgres from "postgres";
import { WRITE_TITLE_PREFIX } from "../load/plan.ts";
import { toTextArrayLiteral } from "./pg-array.ts";

/**
 * The bench's own PostgreSQL: embedded, in a throw-away data directory, migrated, and seeded
 * straight through SQL (no api involved, so seeding cannot be slowed or shaped by it).
 */
export interface BenchDatabase {
  url: string;
  /** The api's own login on the same database (API_DATABASE_URL). */
  apiUrl: string;
  userIds: string[];
  /** The postmaster's pid (its children are the backends), for CPU accounting. */
  postmasterPid: number | null;
  /** Removes the tasks a write mix left behind, so every target reads the same rows. */
  resetWrites(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchDatabase(users: number, tasksPerUser: number) {
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: join(tmpdir(), `ownlist-bench-pg-${randomBytes(4).toString("hex")}`),
    database: "ownlist_bench",
    ephemeral: true,
  });
  try {
    await migrateDatabase(embedded.url);
    const apiUrl = await enableApiLogin(embedded.url, embedded.apiLoginPassword);
    const sql = postgres(embedded.url, { max: 1, onnotice: () => undefined });
    const userIds = await seed(sql, users, tasksPerUser);
    return {
      url: embedded.url,
      apiUrl,
      userIds,
      postmasterPid: readPostmasterPid(embedded.dataDir),
      async resetWrites() {
        await sql`delete from tasks where title like ${`${WRITE_TITLE_PREFIX}%`}`;
        await sql`vacuum analyze tasks`;
      },
      async stop() {
        await sql.end({ timeout: 5 });
        await embedded.stop();
      },
    } satisfies BenchDatabase;
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/** Users with ids shaped like Better Auth's (32 random alphanumerics) and varied tasks. */
async function seed(sql: postgres.Sql, users: number, tasksPerUser: number): Promise<string[]> {
  const ids = Array.from({ length: users }, () => randomId());
  const names = ids.map((_, index) => `Bench User ${index + 1}`);
  const emails = ids.map((_, index) => `bench-${index + 1}@example.test`);
  await sql`
    insert into "user" (id, name, email, email_verified)
    select id, name, email, true
    from unnest(${toTextArrayLiteral(ids)}::text[], ${toTextArrayLiteral(names)}::text[],
                ${toTextArrayLiteral(emails)}::text[])
      as seed(id, name, email)`;
  // Every user gets the same mix: a third with descriptions, a quarter completed, half with a due
  // date, tags of 0-2 words, one minute apart (so the default order has no ties).
  await sql`
    insert into tasks (user_id, title, description, completed, completed_at, priority, due_date,
                       tags, created_at, updated_at)
    select u.id,
           'Task ' || n || ': ' || (array['Buy milk', 'Call the plumber', 'Write the report',
                                         'Book flights', 'Renew passport'])[1 + n % 5],
           case when n % 3 = 0 then 'Details for task ' || n || ', kept short.' end,
           n % 4 = 0,
           case when n % 4 = 0 then now() - make_interval(mins => n) end,
           (array['low', 'medium', 'high'])[1 + n % 3]::task_priority,
           case when n % 2 = 0 then current_date + n end,
           case n % 3 when 0 then '{}'::text[] when 1 then array['home'] else array['work', 'urgent'] end,
           now() - make_interval(mins => ${tasksPerUser} * 2 - n),
           now() - make_interval(mins => ${tasksPerUser} * 2 - n)
    from "user" u cross join generate_series(1, ${tasksPerUser}) as n`;
  await sql`vacuum analyze`;
  return ids;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomId(): string {
  return Array.from(randomBytes(32), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

function readPostmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
