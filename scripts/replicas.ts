/**
 * `npm run replicas -- --api N --web M` (defaults 2 and 2): Ownlist as it runs with several
 * replicas, on this machine, behind Debian's nginx on the usual ports, the api's rate limits shared
 * in Debian's redis-server (docs/operations.md#replicas).
 * Ctrl-C or SIGTERM stops everything it started.
 */
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, devSecretNotice, findProjectRoot, loadStartConfig } from "@ownlist/config";
import { startReplicas } from "./lib/replicas.ts";

const log = (line: string) => process.stdout.write(`${line}\n`);
const FORCE_EXIT_MS = 29_000;

function count(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 16)
    throw new Error(`--${flag}: expected a whole number from 1 to 16, got ${value}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { api: { type: "string", default: "2" }, web: { type: "string", default: "2" } },
  });
  const root = findProjectRoot();
  const config = loadStartConfig(process.env);
  const notice = devSecretNotice(process.env, root);
  if (notice) log(notice);
  // Ctrl-C while starting: the replicas get it too and exit, startReplicas fails and stops what
  // it started; this process must survive it to do so (see scripts/start.ts).
  let interrupted: NodeJS.Signals | undefined;
  const early = (signal: NodeJS.Signals) => {
    interrupted ??= signal;
  };
  process.on("SIGINT", early);
  process.on("SIGTERM", early);
  const replicas = await startReplicas({
    root,
    config,
    env: process.env,
    apiCount: count(values.api, "api"),
    webCount: count(values.web, "web"),
    // Its own throw-away database, so it never fights a running `npm start` for .data/.
    dataDir: join(tmpdir(), `ownlist-replicas-pg-${randomBytes(4).toString("hex")}`),
    ephemeralData: true,
    output: log,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\nstopping (${signal})…`);
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
    await replicas.stop();
    log("stopped.");
    process.exit(0);
  };
  process.off("SIGINT", early);
  process.off("SIGTERM", early);
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  if (interrupted) void shutdown(interrupted);
  replicas.nginx.once("exit", (code) => {
    if (!stopping) {
      log(`nginx exited (${code}); stopping`);
      void shutdown("nginx exited");
    }
  });

  log("");
  log(`  Ownlist is running: ${replicas.api.length} api, ${replicas.web.length} web behind nginx`);
  log(`  web  ${replicas.webUrl}   (${replicas.web.map((r) => r.port).join(", ")})`);
  log(`  api  ${replicas.apiUrl}   (${replicas.api.map((r) => r.port).join(", ")})`);
  log(`  rate limits shared in ${replicas.redisUrl}`);
  log("  A replica that exits is started again on its port. Press Ctrl-C to stop.");
  log("");
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
