import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ProfileSummary } from "./cpu-profile.ts";
import { formatGoals, type Goal } from "./goals.ts";
import { writeMarkdown } from "./markdown.ts";
import type { ProcessMemory } from "./process-memory.ts";
import { formatMarkdownTable, type Measurement, type Row } from "./report.ts";

/** Everything one run of `npm run bench` found, as written to results.json. */
export interface BenchResults {
  generatedAt: string;
  gitCommit: string | null;
  note: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  settings: Record<string, unknown>;
  rows: Row[];
  goals: Goal[];
  /** Did the api and floor-db answer the same listing for one user? */
  responseCheck: {
    userId: string;
    bytes: Record<string, number>;
    apiEqualsFloorDb: boolean | null;
  };
  /** Each server's resident memory before any load (the api runs as its production unit). */
  memoryAtStart: Record<string, ProcessMemory | null>;
  measurements: Measurement[];
  profile: ProfileSummary | null;
}

export async function writeResults(
  dir: string,
  results: BenchResults,
): Promise<{ json: string; markdown: string }> {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, "results.json");
  const markdown = join(dir, "results.md");
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeMarkdown(markdown, toMarkdown(results));
  return { json, markdown };
}

function toMarkdown(results: BenchResults): string {
  const { machine, settings, responseCheck } = results;
  const lines = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (see [README.md](README.md) for the method). Do not edit by hand.",
    "",
    `- run: ${results.generatedAt}, commit ${results.gitCommit ?? "unknown"}`,
    `- machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; load average ${machine.loadAverageBefore.map((n) => n.toFixed(2)).join(" ")} before, ${machine.loadAverageAfter.map((n) => n.toFixed(2)).join(" ")} after`,
    `- settings: ${Object.entries(settings)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join(", ")}`,
    ...(results.note ? [`- note: ${results.note}`] : []),
    "",
    formatMarkdownTable(results.rows),
    "",
    "Latencies are autocannon's (whole milliseconds). Errors are connection errors; time-outs are",
    "requests unanswered within the time-out; RSS is the largest process of the server's tree,",
    "read right after the scenario. loadgen CPU is the autocannon process's use of one core (near",
    "100% means the load generator was the limit). CPU µs/req is CPU time (user + system) of the",
    "server's processes, and of PostgreSQL's, divided by the requests served: unlike requests/s it",
    "hardly moves with the neighbours' load. Ratios divide requests/s by the floor's on the same",
    "scenario.",
    "",
    `Resident memory before any load: ${Object.entries(results.memoryAtStart)
      .map(([target, memory]) => `${target} ${memory?.maxRssMb ?? "–"} MB`)
      .join(", ")}.`,
    "",
    "## Targets (issues 7 and 16)",
    "",
    ...formatGoals(results.goals).map((line) => `- ${line}`),
    "",
    "## Same response?",
    "",
    `Listing of user \`${responseCheck.userId}\`: ${Object.entries(responseCheck.bytes)
      .map(([target, bytes]) => `${target} ${bytes} bytes`)
      .join(", ")}; api equals floor-db: ${responseCheck.apiEqualsFloorDb ?? "not compared"}.`,
    "",
  ];
  if (results.profile) {
    const table = (title: string, rows: ProfileSummary["functions"]) => [
      `| ${title} | where | self ms | self % |`,
      "| --- | --- | ---: | ---: |",
      ...rows.map(
        (hot) => `| \`${hot.name}\` | ${hot.location} | ${hot.selfMs} | ${hot.selfPercent} |`,
      ),
      "",
    ];
    lines.push("## api CPU profile: self time", "");
    lines.push(...table("package", results.profile.categories.slice(0, 15)));
    lines.push(...table("function", results.profile.functions));
  }
  return lines.join("\n");
}
