import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { LIST_FILTER_LIMITS, TASK_LIMITS } from "@ownlist/contract";
import postgres from "postgres";
import { startBenchDatabase } from "./lib/database.ts";
import { startTarget } from "./lib/targets.ts";
import { benchTokenSettings, mintTokens } from "./lib/tokens.ts";

/**
 * `npm run bench:search` (issue 11, item 2): the worst search one user can make, run by hand,
 * never as a timed test. One user owns BENCH_SEARCH_TASKS tasks (default API_MAX_TASKS_PER_USER's
 * default, 10,000) whose title, description and tags (as many and as long as allowed: search
 * matches tags too since issue 17) are as long as the contract allows and made of one letter; the search text is that letter repeated with one other letter at its start or end,
 * as long as `q` may be (BENCH_SEARCH_Q_LENGTH overrides it, to measure an unbounded `q`), so
 * that it matches nothing and every row is compared in full.
 *
 * 1. The production api over HTTP (its own process, its own database login): status and time of
 *    the listing with the worst search text, as a client sees them.
 * 2. The two candidate matchers in SQL alone: `ilike '%…%'` (backtracks) and `strpos(lower(…),
 *    lower(…))`, each for both spellings of the search text.
 *
 * Prints Markdown tables (docs/benchmarks/search.md records a run).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const log = (line: string) => console.error(`[bench:search] ${line}`);
const tasksPerUser = Number(process.env.BENCH_SEARCH_TASKS ?? 10_000);
const qLength = Number(process.env.BENCH_SEARCH_Q_LENGTH ?? LIST_FILTER_LIMITS.searchMaxLength);
const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 3);
/** Which matchers to time alone, comma-separated (default all; `ilike` takes minutes). */
const matcherNames = (process.env.BENCH_SEARCH_MATCHERS ?? "").split(",").filter(Boolean);
/** Extra api environment, `NAME=value,NAME=value` (e.g. API_DATABASE_STATEMENT_TIMEOUT_MS=600000). */
const apiEnv = Object.fromEntries(
  (process.env.BENCH_SEARCH_API_ENV ?? "")
    .split(",")
    .filter(Boolean)
    .map((pair) => pair.split("=") as [string, string]),
);

const MATCHERS = {
  ilike: (sql: postgres.Sql, q: string) => {
    const pattern = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
    return sql`title collate "und-x-icu" ilike ${pattern}
               or description collate "und-x-icu" ilike ${pattern}`;
  },
  strpos: (sql: postgres.Sql, q: string) => sql`
    strpos(lower(title collate "und-x-icu"), lower(${q}::text collate "und-x-icu")) > 0
    or strpos(lower(description collate "und-x-icu"), lower(${q}::text collate "und-x-icu")) > 0`,
  /** What the api runs since issue 17: strpos on title and description, and on each tag. */
  "strpos + tags": (sql: postgres.Sql, q: string) => sql`
    strpos(lower(title collate "und-x-icu"), lower(${q}::text collate "und-x-icu")) > 0
    or strpos(lower(description collate "und-x-icu"), lower(${q}::text collate "und-x-icu")) > 0
    or exists (select 1 from unnest(tags) as tag
               where strpos(lower(tag collate "und-x-icu"), lower(${q}::text collate "und-x-icu")) > 0)`,
};
const chosenMatchers = Object.entries(MATCHERS).filter(
  ([name]) => matcherNames.length === 0 || matcherNames.includes(name),
);

const searches = {
  "a…ab (one letter off at the end)": `${"a".repeat(qLength - 1)}b`,
  "ba…a (one letter off at the start)": `b${"a".repeat(qLength - 1)}`,
  // As long as a tag: the longest text a tag's strpos compares in full.
  "ba…a, a tag's length": `b${"a".repeat(TASK_LIMITS.tagMaxLength - 1)}`,
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const format = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

async function main(): Promise<void> {
  const loadBefore = loadavg();
  log(`seeding 1 user × ${tasksPerUser} tasks of maximal title, description and tags`);
  const database = await startBenchDatabase(1, 0);
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  const stopOnSignal = () => void database.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const [userId] = database.userIds as [string];
    await sql`
      insert into tasks (user_id, title, description, tags)
      select ${userId}, repeat('a', ${TASK_LIMITS.titleMaxLength}),
             repeat('a', ${TASK_LIMITS.descriptionMaxLength}),
             array_fill(repeat('a', ${TASK_LIMITS.tagMaxLength}), array[${TASK_LIMITS.tagsMaxCount}::int])
      from generate_series(1, ${tasksPerUser})`;
    await sql`vacuum analyze tasks`;

    const lines: string[] = [];
    lines.push(`q: ${qLength} characters; ${tasksPerUser} tasks; median of ${rounds} runs`, "");
    const secret = randomBytes(32).toString("base64url");
    const [user] = mintTokens(benchTokenSettings(secret), [userId]);
    const api = await startTarget("api", {
      root,
      databaseUrl: database.url,
      apiDatabaseUrl: database.apiUrl,
      secret,
      floorPoolSize: 1,
      floorWorkers: 1,
      floorBacklog: undefined,
      floorMaxInFlight: 1,
      apiEnv,
      cpuProfileDir: undefined,
      output: log,
    });
    try {
      lines.push("| api: GET /api/{user_id}/tasks?q=… | status | time |", "|---|--:|--:|");
      for (const [name, q] of Object.entries(searches)) {
        const url = `${api.url}/api/${userId}/tasks?q=${encodeURIComponent(q)}`;
        const results: { ms: number; value: string }[] = [];
        for (let round = 0; round < rounds; round++) {
          results.push(
            await timed(async () => {
              try {
                const response = await fetch(url, {
                  headers: { authorization: `Bearer ${user!.token}` },
                });
                await response.arrayBuffer();
                return String(response.status);
              } catch (error) {
                // The api closing the socket without an answer is a result too.
                return `no answer (${(error as Error).message})`;
              }
            }),
          );
        }
        const statuses = [...new Set(results.map((result) => result.value))].join(", ");
        lines.push(`| ${name} | ${statuses} | ${format(median(results.map((r) => r.ms)))} |`);
        log(lines.at(-1)!);
      }
    } finally {
      await api.stop();
    }
    lines.push(
      "",
      `| search text | ${chosenMatchers.map(([name]) => `\`${name}\``).join(" | ")} |`,
      `|---|${chosenMatchers.map(() => "--:").join("|")}|`,
    );
    for (const [name, q] of Object.entries(searches)) {
      // Rounds alternate between the matchers (A/B/A/B), so that load from other work on a
      // shared machine falls on each of them alike.
      const times = chosenMatchers.map((): number[] => []);
      for (let round = 0; round < rounds; round++) {
        for (const [index, [, matcher]] of chosenMatchers.entries()) {
          const { ms, value } = await timed(
            () => sql<{ count: number }[]>`
              select count(*)::int as count from tasks
              where user_id = ${userId} and (${matcher(sql, q)})`,
          );
          if (value[0]?.count !== 0) throw new Error(`${name} matched: nothing measured`);
          times[index]!.push(ms);
        }
      }
      const cells = times.map((each) => format(median(each)));
      lines.push(`| ${name} | ${cells.join(" | ")} |`);
      log(lines.at(-1)!);
    }

    lines.push(
      "",
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown"}, Node ${process.version}, ` +
        `load average before ${loadBefore.map((n) => n.toFixed(2)).join(" ")}, ` +
        `after ${loadavg()
          .map((n) => n.toFixed(2))
          .join(" ")}`,
    );
    console.log(lines.join("\n"));
  } finally {
    await sql.end({ timeout: 5 });
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
