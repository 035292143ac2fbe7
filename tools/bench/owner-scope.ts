import { API_DATABASE_ROLE, queryAsOwner } from "@ownlist/db";
import postgres from "postgres";
import { startBenchDatabase } from "./lib/database.ts";

/**
 * `npx tsx tools/bench/owner-scope.ts`: what an owner scope costs one listing query, without
 * HTTP, in one process against one seeded database, the builds alternating every slice so that a
 * shared machine's load falls on all of them alike (docs/benchmarks/row-level-security.md,
 * decision 040). Builds: the bare statement as the table's owner (no row-level security), the
 * statement under `queryAsOwner` (settings and statement under one Sync, shared connection), and
 * decision 020's transaction (`begin`, settings, statement, `commit`, each with its Sync, on a
 * reserved connection), written here as it was. Prints completed queries per second per slice.
 */
const users = Number(process.env.BENCH_USERS ?? 200);
const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 64);
const sliceMs = Number(process.env.BENCH_SLICE_MS ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);

type Listing = (sql: postgres.Sql, ownerId: string) => postgres.PendingQuery<postgres.Row[]>;
const listing: Listing = (sql, ownerId) => sql`
  select id, title, completed, priority, tags, created_at
  from tasks where user_id = ${ownerId}
  order by created_at desc, id desc limit 50`;

async function perRequest020(sql: postgres.Sql, ownerId: string) {
  const tx = await sql.reserve();
  const settled = await Promise.allSettled([
    tx`begin`.execute(),
    tx`select set_config('role', ${API_DATABASE_ROLE}, true),
              set_config('app.user_id', ${ownerId}, true)`.execute(),
    listing(tx as unknown as postgres.Sql, ownerId).execute(),
    tx`commit`.execute(),
  ]);
  tx.release();
  const failure = settled.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}

const database = await startBenchDatabase(users, 20);
const asOwner = postgres(database.url, { max: 10, onnotice: () => undefined });
const asApi = postgres(database.apiUrl, { max: 10, onnotice: () => undefined });
const builds: Record<string, (ownerId: string) => Promise<unknown>> = {
  "without RLS": (ownerId) => listing(asOwner, ownerId).execute(),
  "one Sync, shared (040)": (ownerId) =>
    queryAsOwner(asApi, ownerId, (sql) => listing(sql, ownerId)),
  "per request (020)": (ownerId) => perRequest020(asApi, ownerId),
};

async function slice(run: (ownerId: string) => Promise<unknown>, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; performance.now() < until; i += concurrency) {
        await run(database.userIds[i % database.userIds.length]!);
        done += 1;
      }
    }),
  );
  return (done * 1000) / ms;
}

try {
  for (const run of Object.values(builds)) await slice(run, 500); // warm-up: connect, prepare
  const results: Record<string, number[]> = Object.fromEntries(
    Object.keys(builds).map((name) => [name, []]),
  );
  for (let round = 0; round < rounds; round += 1) {
    const names = Object.keys(builds);
    // Alternate the order too, so no build always follows the same one.
    if (round % 2 === 1) names.reverse();
    for (const name of names) results[name]!.push(await slice(builds[name]!, sliceMs));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = results["without RLS"]!;
  for (const [name, perSecond] of Object.entries(results)) {
    const ratios = perSecond.map((value, index) => value / base[index]!);
    console.log(
      `${name}: median ${median(perSecond).toFixed(0)} queries/s; per round ${perSecond
        .map((value) => value.toFixed(0))
        .join(", ")}; ÷ without RLS, median of rounds ${median(ratios).toFixed(2)}`,
    );
  }
  console.log(
    `load average ${(await import("node:os"))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
} finally {
  await Promise.all([asOwner.end({ timeout: 1 }), asApi.end({ timeout: 1 })]);
  await database.stop();
}
