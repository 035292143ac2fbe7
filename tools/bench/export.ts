import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { startBenchDatabase } from "./lib/database.ts";
import { readProcessTreeMemory } from "./lib/process-memory.ts";
import { startTarget } from "./lib/targets.ts";
import { benchTokenSettings, mintTokens } from "./lib/tokens.ts";

/**
 * `npm run bench:export` (issue 14, item 4): the export of one person's BENCH_EXPORT_TASKS tasks
 * (default 10,000, API_MAX_TASKS_PER_USER's default) from the production api over HTTP, as JSON
 * and as CSV, in alternating rounds (JSON, CSV, JSON, CSV…) so that a shared machine's noise
 * falls on both alike. For each: the time until the last byte, the bytes, and the api process's
 * peak resident memory during the download above its resident memory just before (sampled from
 * /proc every few milliseconds). Never a timed test. Prints Markdown
 * (docs/benchmarks/export.md records a run).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const log = (line: string) => console.error(`[bench:export] ${line}`);
const tasks = Number(process.env.BENCH_EXPORT_TASKS ?? 10_000);
const rounds = Number(process.env.BENCH_EXPORT_ROUNDS ?? 5);
const SAMPLE_MS = 5;

interface Run {
  ms: number;
  bytes: number;
  /** Peak RSS during the download minus RSS before it, MB; null off Linux. */
  growthMb: number | null;
}

async function download(url: string, token: string, pid: number): Promise<Run> {
  const before = readProcessTreeMemory(pid)?.maxRssMb ?? null;
  let peak = before;
  const sampler = setInterval(() => {
    const now = readProcessTreeMemory(pid)?.maxRssMb;
    if (now !== undefined && (peak === null || now > peak)) peak = now;
  }, SAMPLE_MS);
  const start = performance.now();
  let bytes = 0;
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    // Read as it streams, never holding the body: the client is not what is measured.
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      bytes += read.value.length;
    }
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - start;
  const after = readProcessTreeMemory(pid)?.maxRssMb;
  if (after !== undefined && (peak === null || after > peak)) peak = after;
  return {
    ms,
    bytes,
    growthMb: before === null || peak === null ? null : Math.round((peak - before) * 10) / 10,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function main(): Promise<void> {
  const loadBefore = loadavg();
  log(`seeding 1 user × ${tasks} tasks`);
  const database = await startBenchDatabase(1, 0);
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  const stopOnSignal = () => void database.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const [userId] = database.userIds as [string];
    // Ordinary tasks: a short title with a comma and a quote, a sentence of description, two
    // tags, a due date on every third, every fifth completed.
    await sql`
      insert into tasks (user_id, title, description, priority, due_date, tags, completed,
                         completed_at)
      select ${userId}, 'Task ' || n || ', "quoted" and é',
             'A description of task ' || n || ' that runs to about a hundred characters, as most notes do.',
             (array['low','medium','high'])[1 + n % 3]::task_priority,
             case when n % 3 = 0 then date '2026-12-01' + n % 60 end,
             array['home', 'tag' || n % 7], n % 5 = 0, case when n % 5 = 0 then now() end
      from generate_series(1, ${tasks}) as n`;
    await sql`vacuum analyze tasks`;

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
      apiEnv: {},
      cpuProfileDir: undefined,
      output: log,
    });
    const runs: Record<"json" | "csv", Run[]> = { json: [], csv: [] };
    try {
      const url = (format: string) => `${api.url}/api/${userId}/export?format=${format}`;
      // One unmeasured download of each first: the api's first request compiles its code paths.
      for (const format of ["json", "csv"] as const)
        await download(url(format), user!.token, api.pid);
      for (let round = 0; round < rounds; round++) {
        for (const format of ["json", "csv"] as const) {
          const run = await download(url(format), user!.token, api.pid);
          runs[format].push(run);
          log(`${format}: ${run.ms.toFixed(0)} ms, ${run.bytes} bytes, +${run.growthMb} MB RSS`);
        }
      }
    } finally {
      await api.stop();
    }
    const lines = [
      `${tasks} tasks of one person; ${rounds} rounds, JSON and CSV alternating; median (min–max)`,
      "",
      "| format | time to last byte | size | api peak RSS growth |",
      "|---|--:|--:|--:|",
    ];
    for (const format of ["json", "csv"] as const) {
      const ms = runs[format].map((run) => run.ms);
      const growth = runs[format].map((run) => run.growthMb ?? Number.NaN);
      lines.push(
        `| ${format} | ${median(ms).toFixed(0)} ms (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}) ` +
          `| ${(runs[format][0]!.bytes / 1_048_576).toFixed(2)} MiB ` +
          `| ${median(growth)} MB (${Math.min(...growth)}–${Math.max(...growth)}) |`,
      );
    }
    lines.push(
      "",
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown"}, Node ${process.version}, ` +
        `shared with other work; load average before ${loadBefore.map((n) => n.toFixed(2)).join(" ")}, ` +
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
