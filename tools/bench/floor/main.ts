import cluster from "node:cluster";

/**
 * Entry of the floor servers. FLOOR_WORKERS > 1 runs that many `node:cluster` workers behind one
 * port, so the floor can be compared like for like with an api that uses workers too.
 */
const workers = Number(process.env.FLOOR_WORKERS ?? 1);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
} else {
  await import("./server.ts");
}
