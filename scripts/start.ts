/**
 * `npm start` (production builds) and `npm run dev` (hot reload): the database, migrations, api
 * and web in one foreground command. Ctrl-C or SIGTERM stops everything it started.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, devSecretNotice, findProjectRoot, loadStartConfig } from "@ownlist/config";
import { startStack } from "./lib/stack.ts";
import { stopOnSignals } from "./lib/stop-on-signal.ts";

const root = findProjectRoot();
const dev = process.argv.includes("--dev");
const lockFile = join(root, ".data", "start.pid");

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** One `npm start` per data directory: a second would fight the first for its database. */
function takeLock(): void {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && isAlive(pid)) {
      throw new Error(`Ownlist is already running from this folder (pid ${pid}); stop it first`);
    }
  }
  mkdirSync(join(root, ".data"), { recursive: true });
  writeFileSync(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  // The caller's NODE_ENV decides whether a secret may be generated; the children get their own.
  const config = loadStartConfig(process.env);
  const notice = devSecretNotice(process.env, root);
  if (notice) log(notice);
  takeLock();
  // A Ctrl-C while starting reaches api and web too (one process group), and they exit. Without a
  // handler it would also kill this process before it stops the database; with one, startStack
  // fails on the children's exit and stops what it started, or, if already up, the stop follows.
  let interrupted: NodeJS.Signals | undefined;
  const early = (signal: NodeJS.Signals) => {
    interrupted ??= signal;
  };
  process.on("SIGINT", early);
  process.on("SIGTERM", early);
  const stack = await startStack({
    root,
    config,
    env: process.env,
    dev,
    dataDir: join(root, ".data", "pg"),
    output: log,
    // The children write straight to our stdout: nothing here reads their lines (issue 16).
    childOutput: "inherit",
  });

  stopOnSignals(stack, { output: log, afterStop: () => rmSync(lockFile, { force: true }) });
  process.off("SIGINT", early);
  process.off("SIGTERM", early);
  if (interrupted) {
    process.kill(process.pid, interrupted);
    return;
  }

  log("");
  log(`  Ownlist is running${dev ? " (development, hot reload)" : ""}`);
  log(`  web  ${stack.webUrl}`);
  log(`  api  ${stack.apiUrl}   (docs: ${stack.apiUrl}/docs)`);
  log("  Press Ctrl-C to stop.");
  log("");
}

main().catch((error: unknown) => {
  rmSync(lockFile, { force: true });
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
