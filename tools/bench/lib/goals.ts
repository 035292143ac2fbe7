import type { Row } from "./report.ts";

/** The targets for the api, judged on one run's rows. `met: null` = not measured. */
export interface Goal {
  goal: string;
  wanted: string;
  actual: string;
  met: boolean | null;
}

const RSS_LIMIT_MB = 150;

export function judgeGoals(rows: Row[]): Goal[] {
  const api = (scenario: Row["scenario"]) =>
    rows.find((row) => row.target === "api" && row.scenario === scenario);
  const high = api("read-high");
  const low = api("read-low");
  const started = (scenario: Row["scenario"]) =>
    rows.find((row) => row.target === "npm-start" && row.scenario === scenario);
  const startedHigh = started("read-high");
  const startedLow = started("read-low");
  const vsApi = (row: Row | undefined, alone: Row | undefined) =>
    row && alone ? row.requestsPerSecond / alone.requestsPerSecond : null;
  return [
    ratioGoal("(b) requests/s vs floor-db", low?.vsFloorDb ?? null, 0.8),
    ratioGoal("(a) requests/s vs floor-db", high?.vsFloorDb ?? null, 0.7),
    {
      goal: "(a) errors + time-outs + non-2xx",
      wanted: "0",
      actual: high ? `${high.errors} + ${high.timeouts} + ${high.non2xx}` : "–",
      met: high ? high.errors + high.timeouts + high.non2xx === 0 : null,
    },
    {
      goal: "(a) fairness: p99 / p50",
      wanted: "≤ 3",
      // Latencies are whole milliseconds: a p50 of 0 counts as 1.
      actual: high ? (high.p99Ms / Math.max(high.p50Ms, 1)).toFixed(1) : "–",
      met: high ? high.p99Ms <= 3 * Math.max(high.p50Ms, 1) : null,
    },
    {
      goal: "(a) api RSS per process",
      wanted: `< ${RSS_LIMIT_MB} MB`,
      actual: high && high.rssMb !== null ? `${high.rssMb} MB` : "–",
      met: high && high.rssMb !== null ? high.rssMb < RSS_LIMIT_MB : null,
    },
    // Issue 16: the api as people run it.
    ratioGoal("npm start (b) requests/s vs the api alone", vsApi(startedLow, low), 0.95),
    ratioGoal("npm start (a) requests/s vs the api alone", vsApi(startedHigh, high), 0.95),
    {
      goal: "npm start (a) errors + time-outs + non-2xx",
      wanted: "0",
      actual: startedHigh
        ? `${startedHigh.errors} + ${startedHigh.timeouts} + ${startedHigh.non2xx}`
        : "–",
      met: startedHigh
        ? startedHigh.errors + startedHigh.timeouts + startedHigh.non2xx === 0
        : null,
    },
    {
      goal: "npm start (a) fairness: p99 / p50",
      wanted: "≤ 3",
      actual: startedHigh ? (startedHigh.p99Ms / Math.max(startedHigh.p50Ms, 1)).toFixed(1) : "–",
      met: startedHigh ? startedHigh.p99Ms <= 3 * Math.max(startedHigh.p50Ms, 1) : null,
    },
  ];
}

function ratioGoal(goal: string, ratio: number | null, minimum: number): Goal {
  return {
    goal,
    wanted: `≥ ${minimum * 100}%`,
    actual: ratio === null ? "–" : `${(ratio * 100).toFixed(1)}%`,
    met: ratio === null ? null : ratio >= minimum,
  };
}

export function formatGoals(goals: Goal[]): string[] {
  const mark = (met: boolean | null) => (met === null ? "n/a" : met ? "met" : "MISSED");
  return goals.map((g) => `${mark(g.met).padEnd(6)} ${g.goal}: ${g.actual} (wanted ${g.wanted})`);
}
