import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadPlan } from "./plan.ts";
import type { LoadResult } from "./worker.ts";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
/** Beyond the plan's duration, what connecting, draining and reporting may take at most. */
const GRACE_MS = 60_000;

type WorkerMessage = { ok: true; result: LoadResult } | { ok: false; error: string };

/** Runs one plan in a fresh load-generator process; killed if it outlives its duration. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(
      () => {
        child.kill("SIGKILL");
        settle(() => reject(new Error(`load worker did not finish within its time bound`)));
      },
      plan.durationSeconds * 1000 + GRACE_MS,
    );
    child.once("message", (message: WorkerMessage) => {
      settle(() => (message.ok ? resolve(message.result) : reject(new Error(message.error))));
    });
    child.once("exit", (code) => {
      settle(() => reject(new Error(`load worker exited (code ${code}) without a result`)));
    });
    child.send(plan);
  });
}
