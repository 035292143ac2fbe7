import type { LoadResult } from "../load/worker.ts";
import type { ScenarioName, TargetName } from "../settings.ts";
import type { ProcessMemory } from "./process-memory.ts";

/** One measured (target, scenario) pair, and the table row derived from it with its ratios. */
export interface Measurement {
  target: TargetName;
  scenario: ScenarioName;
  connections: number;
  load: LoadResult;
  /** Resident memory of the server right after the scenario. */
  memory: ProcessMemory | null;
  /** Connections the kernel dropped from a full accept queue during the scenario. */
  listenOverflows: number | null;
  cpu: CpuPerRequest;
}

/** CPU time per request served (µs), of the server's processes and of PostgreSQL's. */
export interface CpuPerRequest {
  serverMicros: number | null;
  databaseMicros: number | null;
}

export interface Row {
  target: TargetName;
  scenario: ScenarioName;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rssMb: number | null;
  /** CPU the load generator used, in % of one core: near 100 means it, not the server, was the limit. */
  loadGeneratorCpu: number;
  /** Fewest responses any one connection got (0 = a connection was never served). */
  minPerConnection: number;
  listenOverflows: number | null;
  serverCpuMicrosPerRequest: number | null;
  databaseCpuMicrosPerRequest: number | null;
  /** requests/s of this row divided by the floor's on the same scenario. */
  vsFloorHttp: number | null;
  vsFloorDb: number | null;
}

export const SCENARIO_LABELS: Record<ScenarioName, string> = {
  "read-high": "(a) list, high concurrency",
  "read-low": "(b) list, low concurrency",
  "write-mix": "(c) write mix, low concurrency",
  "write-mix-keyed": "(c') write mix with Idempotency-Key, low concurrency",
};

export function toRows(measurements: Measurement[]): Row[] {
  const rate = (target: TargetName, scenario: ScenarioName) =>
    measurements.find((m) => m.target === target && m.scenario === scenario)?.load
      .requestsPerSecond;
  const ratio = (value: number, floor: number | undefined) =>
    floor ? Math.round((value / floor) * 1000) / 1000 : null;
  return measurements.map(
    ({ target, scenario, connections, load, memory, listenOverflows, cpu }) => ({
      target,
      scenario,
      connections,
      requestsPerSecond: Math.round(load.requestsPerSecond),
      p50Ms: load.latencyMs.p50,
      p99Ms: load.latencyMs.p99,
      errors: load.errors,
      timeouts: load.timeouts,
      non2xx: load.non2xx,
      rssMb: memory?.maxRssMb ?? null,
      loadGeneratorCpu: Math.round(load.loadGeneratorCpuPercent),
      minPerConnection: load.perConnection.min,
      listenOverflows,
      serverCpuMicrosPerRequest: cpu.serverMicros,
      databaseCpuMicrosPerRequest: cpu.databaseMicros,
      vsFloorHttp: ratio(load.requestsPerSecond, rate("floor-http", scenario)),
      vsFloorDb: ratio(load.requestsPerSecond, rate("floor-db", scenario)),
    }),
  );
}

const COLUMNS: [string, (row: Row) => string][] = [
  ["target", (row) => row.target],
  ["scenario", (row) => SCENARIO_LABELS[row.scenario]],
  ["conn", (row) => String(row.connections)],
  ["req/s", (row) => String(row.requestsPerSecond)],
  ["p50 ms", (row) => String(row.p50Ms)],
  ["p99 ms", (row) => String(row.p99Ms)],
  ["errors", (row) => String(row.errors)],
  ["time-outs", (row) => String(row.timeouts)],
  ["non-2xx", (row) => String(row.non2xx)],
  ["min/conn", (row) => String(row.minPerConnection)],
  ["overflows", (row) => (row.listenOverflows === null ? "–" : String(row.listenOverflows))],
  ["server CPU µs/req", (row) => String(row.serverCpuMicrosPerRequest ?? "–")],
  ["db CPU µs/req", (row) => String(row.databaseCpuMicrosPerRequest ?? "–")],
  ["RSS MB", (row) => (row.rssMb === null ? "–" : String(row.rssMb))],
  ["loadgen CPU", (row) => `${row.loadGeneratorCpu}%`],
  ["÷ floor-http", (row) => percent(row.vsFloorHttp)],
  ["÷ floor-db", (row) => percent(row.vsFloorDb)],
];

function percent(ratio: number | null): string {
  return ratio === null ? "–" : `${(ratio * 100).toFixed(1)}%`;
}

/** The table for the terminal: columns padded, numbers right-aligned. */
export function formatTextTable(rows: Row[]): string {
  const cells = [
    COLUMNS.map(([title]) => title),
    ...rows.map((row) => COLUMNS.map(([, f]) => f(row))),
  ];
  const widths = COLUMNS.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  return cells
    .map((line) =>
      line
        .map((cell, column) =>
          column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
        )
        .join("  "),
    )
    .join("\n");
}

export function formatMarkdownTable(rows: Row[]): string {
  const header = `| ${COLUMNS.map(([title]) => title).join(" | ")} |`;
  const rule = `|${COLUMNS.map((_, column) => (column < 2 ? " --- |" : " ---: |")).join("")}`;
  const body = rows.map((row) => `| ${COLUMNS.map(([, f]) => f(row)).join(" | ")} |`);
  return [header, rule, ...body].join("\n");
}
