import { fork } from "node:child_process";
import { createServer, type ServerResponse } from "node:http";
import autocannon from "autocannon";
import { findFreePort } from "@ownlist/db";

/**
 * `npx tsx tools/bench/accept-starvation.ts`: shows why a saturated Node server leaves
 * connections unserved at 1,000 connections, and what bounding the work per turn does. The same
 * `node:http` server spends 1 ms of CPU per request, either in the request handler (every ready
 * request in one event-loop turn) or at most 8 per turn (the rest wait in arrival order). It
 * prints how many of the 1,000 connections it has accepted after each second: libuv accepts one
 * connection per turn (libuv PR #3696), and a turn that handles hundreds of requests is long.
 * See docs/benchmarks/README.md.
 */
const CONNECTIONS = 1000;
const SECONDS = 6;

if (process.env.STARVATION_SERVER_MODE) {
  const bounded = process.env.STARVATION_SERVER_MODE === "bounded";
  const body = Buffer.alloc(6000, "x");
  const work = (response: ServerResponse) => {
    const until = performance.now() + 1;
    while (performance.now() < until); // 1 ms of CPU, like a request that does real work
    response.end(body);
  };
  // Bounded: at most 8 requests per turn; setImmediate callbacks queued while the check phase
  // runs wait for the next turn, so each turn stays short and accepts one more connection.
  const waiting: ServerResponse[] = [];
  const drain = () => {
    for (const response of waiting.splice(0, 8)) work(response);
    if (waiting.length > 0) setImmediate(drain);
  };
  let accepted = 0;
  const server = createServer((_request, response) => {
    if (!bounded) return work(response);
    if (waiting.push(response) === 1) setImmediate(drain);
  });
  server.on("connection", () => accepted++);
  server.listen({ port: Number(process.env.STARVATION_PORT), host: "127.0.0.1", backlog: 4096 });
  server.on("listening", () => process.send?.("listening"));
  const report = setInterval(() => process.send?.(accepted), 1000);
  setTimeout(() => (clearInterval(report), process.exit(0)), (SECONDS + 2) * 1000);
} else {
  for (const mode of ["unbounded", "bounded"]) {
    const port = await findFreePort();
    const server = fork(new URL(import.meta.url).pathname, [], {
      env: { ...process.env, STARVATION_SERVER_MODE: mode, STARVATION_PORT: String(port) },
      execArgv: ["--import", "tsx"],
    });
    const counts: number[] = [];
    await new Promise<void>((resolve) =>
      server.on("message", (message) =>
        message === "listening" ? resolve() : counts.push(Number(message)),
      ),
    );
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/`,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 10,
    });
    server.kill();
    console.log(
      `${mode.padEnd(9)} server: accepted after each second ${counts.join(", ")}; ` +
        `${Math.round(result.requests.total / result.duration)} req/s, p99 ${result.latency.p99} ms`,
    );
  }
}
