import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { BenchResults } from "./lib/write-results.ts";

/**
 * Smoke test of `npm run bench` and `npm run bench:token`: the scripts run end to end on tiny
 * data for about a second per scenario and write their results. It never asserts a timing: only
 * that every target and scenario was measured and that the traffic was answered correctly.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const outputDir = mkdtempSync(join(tmpdir(), "ownlist-bench-smoke-"));

afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

function runScript(script: string, env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, BENCH_OUTPUT_DIR: outputDir, ...env },
    timeout: 170_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe("npm run bench (smoke)", () => {
  it("measures every target and scenario and writes JSON and Markdown", async () => {
    const { stdout } = await runScript("tools/bench/index.ts", {
      BENCH_USERS: "6",
      BENCH_TASKS_PER_USER: "3",
      BENCH_CONNECTIONS_HIGH: "12",
      BENCH_CONNECTIONS_LOW: "4",
      BENCH_DURATION_SECONDS: "1",
      BENCH_WARMUP_SECONDS: "0",
      // npm-start runs the whole stack from this folder (web build, its lock file): not here.
      BENCH_TARGETS: "floor-http,floor-db,api",
    });
    expect(stdout).toMatch(/target\s+scenario\s+conn\s+req\/s/);

    const results = JSON.parse(
      readFileSync(join(outputDir, "results.json"), "utf8"),
    ) as BenchResults;
    const pairs = results.rows.map((row) => `${row.target}/${row.scenario}`);
    expect(pairs).toEqual([
      "floor-http/read-high",
      "floor-http/read-low",
      "floor-http/write-mix",
      "floor-http/write-mix-keyed",
      "floor-db/read-high",
      "floor-db/read-low",
      "floor-db/write-mix",
      "floor-db/write-mix-keyed",
      "api/read-high",
      "api/read-low",
      "api/write-mix",
      "api/write-mix-keyed",
    ]);
    for (const row of results.rows) {
      expect(row.requestsPerSecond, `${row.target}/${row.scenario}`).toBeGreaterThan(0);
      expect(row.non2xx, `${row.target}/${row.scenario}`).toBe(0);
      expect(row.vsFloorDb).not.toBeNull();
    }
    // floor-db must do the api's work: when this fails, the api's listing changed shape and
    // tools/bench/floor/tasks-sql.ts must follow it.
    expect(results.responseCheck.apiEqualsFloorDb).toBe(true);
    expect(results.rows.find((r) => r.target === "floor-db")?.connections).toBe(12);
    expect(results.goals.map((goal) => goal.goal)).toContain("(a) fairness: p99 / p50");

    const markdown = readFileSync(join(outputDir, "results.md"), "utf8");
    expect(markdown).toMatch(/\|\s*target\s*\|\s*scenario\s*\|/);
    expect(markdown).toContain("(c) write mix, low concurrency");
  }, 180_000);
});

describe("npm run bench:token (smoke)", () => {
  it("compares the api's verifier with the raw HMAC floor", async () => {
    const { stdout } = await runScript("tools/bench/token.ts", {
      BENCH_TOKEN_ROUNDS: "1",
      BENCH_TOKEN_ROUND_MS: "20",
      BENCH_TOKEN_WARMUP_MS: "20",
    });
    expect(stdout).toContain("createApiTokenVerifier (@ownlist/token)");
    expect(stdout).toMatch(/(met|MISSED): createApiTokenVerifier is [\d.]+× the raw HMAC floor/);
    const written = JSON.parse(readFileSync(join(outputDir, "token.json"), "utf8")) as {
      rows: { name: string; verifiesPerSecond: number }[];
    };
    expect(written.rows).toHaveLength(4);
    for (const row of written.rows) expect(row.verifiesPerSecond).toBeGreaterThan(0);
  }, 60_000);
});
