import autocannon, { type Client } from "autocannon";
import { type LoadPlan, requestsFor, userForConnection } from "./plan.ts";

/**
 * The load generator, in a process of its own so that it never shares an event loop with the
 * harness or the server under test. Receives one LoadPlan over IPC, runs autocannon for the
 * plan's duration (bounded), answers with the result and its own CPU use, and exits.
 */
export interface LoadResult {
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
  /**
   * Responses each connection received: a fair server serves every connection about equally;
   * a starved connection shows as a minimum far below the median (or as `unserved`).
   */
  perConnection: { min: number; median: number; max: number; unserved: number };
  /** When the last connection got its first response, from the start (null: some never did). */
  allConnectionsServedAfterMs: number | null;
  /** Share of one core the load generator itself used: near 100% means it may be the limit. */
  loadGeneratorCpuPercent: number;
}

process.once("message", (plan: LoadPlan) => {
  void run(plan).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});

async function run(plan: LoadPlan): Promise<LoadResult> {
  let nextConnection = 0;
  const cpuBefore = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  const responsesPerClient = new Map<Client, number>();
  const instance = autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.durationSeconds,
    timeout: plan.timeoutSeconds,
    // Replaced per connection below; autocannon needs a first request to build.
    requests: [{ method: "GET", path: "/health" }],
    setupClient: (client: Client) => {
      client.setRequests(requestsFor(plan, userForConnection(plan, nextConnection++)));
    },
  });
  let lastFirstResponseAt = 0;
  instance.on("response", (client: Client) => {
    const previous = responsesPerClient.get(client) ?? 0;
    if (previous === 0) lastFirstResponseAt = Number(process.hrtime.bigint() - startedAt) / 1e6;
    responsesPerClient.set(client, previous + 1);
  });
  const result = await instance;
  const elapsedMicros = Number(process.hrtime.bigint() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const requests = result.requests.total;
  return {
    durationSeconds: result.duration,
    requests,
    requestsPerSecond: requests / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    // autocannon counts a time-out as an error too; here they are reported apart.
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    ),
    perConnection: spread([...responsesPerClient.values()], plan.connections),
    allConnectionsServedAfterMs:
      responsesPerClient.size === plan.connections ? Math.round(lastFirstResponseAt) : null,
    bytesPerResponse: requests > 0 ? result.throughput.total / requests : 0,
    loadGeneratorCpuPercent: ((cpu.user + cpu.system) / elapsedMicros) * 100,
  };
}

function spread(counts: number[], connections: number): LoadResult["perConnection"] {
  const sorted = [
    ...counts,
    ...Array<number>(Math.max(0, connections - counts.length)).fill(0),
  ].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? 0,
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    unserved: connections - counts.length,
  };
}
