import { runLoad } from "../load/run-load.ts";
import type { BenchUser, LoadPlan } from "../load/plan.ts";
import type { LoadResult } from "../load/worker.ts";
import type { BenchSettings, ScenarioName, TargetName } from "../settings.ts";
import type { BenchDatabase } from "./database.ts";
import {
  type ProcessMemory,
  readProcessTreeCpuMs,
  readProcessTreeMemory,
} from "./process-memory.ts";
import { readListenOverflows } from "./tcp-stats.ts";
import type { CpuPerRequest, Measurement } from "./report.ts";
import { startTarget, type TargetOptions } from "./targets.ts";

export interface TargetRun {
  measurements: Measurement[];
  /** One user's listing as this target served it (raw body), to compare targets. */
  sampleListing: string | null;
  /** Resident memory once started and having answered one request, before any load. */
  memoryAtStart: ProcessMemory | null;
}

/**
 * Starts one server, runs every chosen scenario against it (each preceded by a warm-up of the
 * same traffic, so the JIT has seen it), reads its memory after each, and stops it.
 */
export async function measureTarget(
  target: TargetName,
  settings: BenchSettings,
  users: BenchUser[],
  database: BenchDatabase,
  options: TargetOptions,
  log: (line: string) => void,
): Promise<TargetRun> {
  const server = await startTarget(target, options);
  const measurements: Measurement[] = [];
  try {
    const sampleListing = await fetchListing(server.url, users[0]!);
    const memoryAtStart = readProcessTreeMemory(server.pid);
    for (const scenario of settings.scenarios) {
      const plan = planFor(scenario, server.url, settings, users);
      if (settings.warmupSeconds > 0) {
        await runLoad({ ...plan, durationSeconds: settings.warmupSeconds });
        if (plan.traffic !== "read") await database.resetWrites();
      }
      log(
        `${target}: ${scenario} at ${plan.connections} connections for ${plan.durationSeconds} s`,
      );
      const overflowsBefore = readListenOverflows();
      const cpuBefore = readCpu(server.pid, database.postmasterPid);
      const load = await runLoad(plan);
      const cpu = cpuPerRequest(cpuBefore, readCpu(server.pid, database.postmasterPid), load);
      const overflowsAfter = readListenOverflows();
      const listenOverflows =
        overflowsBefore === null || overflowsAfter === null
          ? null
          : overflowsAfter - overflowsBefore;
      const memory = readProcessTreeMemory(server.pid);
      if (plan.traffic !== "read") await database.resetWrites();
      measurements.push({
        target,
        scenario,
        connections: plan.connections,
        load,
        memory,
        listenOverflows,
        cpu,
      });
      log(
        `${target}: ${scenario}: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, responses per connection ${load.perConnection.min}/${load.perConnection.median}/${load.perConnection.max} (min/median/max), all served after ${load.allConnectionsServedAfterMs ?? "never"} ms, ${listenOverflows ?? "?"} listen overflows, load generator ${Math.round(load.loadGeneratorCpuPercent)}% CPU`,
      );
    }
    return { measurements, sampleListing, memoryAtStart };
  } finally {
    await server.stop();
  }
}

function planFor(
  scenario: ScenarioName,
  url: string,
  settings: BenchSettings,
  users: BenchUser[],
): LoadPlan {
  return {
    url,
    users,
    traffic: scenario === "write-mix" || scenario === "write-mix-keyed" ? scenario : "read",
    connections: scenario === "read-high" ? settings.highConnections : settings.lowConnections,
    durationSeconds: settings.durationSeconds,
    timeoutSeconds: settings.timeoutSeconds,
  };
}

async function fetchListing(url: string, user: BenchUser): Promise<string | null> {
  const response = await fetch(`${url}/api/${user.id}/tasks`, {
    headers: { authorization: `Bearer ${user.token}` },
    signal: AbortSignal.timeout(10_000),
  });
  return response.ok ? response.text() : null;
}

function readCpu(serverPid: number, postmasterPid: number | null) {
  return {
    server: readProcessTreeCpuMs(serverPid),
    database: postmasterPid === null ? null : readProcessTreeCpuMs(postmasterPid),
  };
}

function cpuPerRequest(
  before: ReturnType<typeof readCpu>,
  after: ReturnType<typeof readCpu>,
  load: LoadResult,
): CpuPerRequest {
  const perRequest = (from: number | null, to: number | null) =>
    from === null || to === null || load.requests === 0
      ? null
      : Math.round(((to - from) * 1000) / load.requests);
  return {
    serverMicros: perRequest(before.server, after.server),
    databaseMicros: perRequest(before.database, after.database),
  };
}
