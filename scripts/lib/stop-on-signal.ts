import type { Stack } from "./stack.ts";

export interface StopOnSignalOptions {
  output: (line: string) => void;
  /** Runs after the stack has stopped, before the process exits (e.g. removing a lock file). */
  afterStop?: () => void;
}

/** Longer than a service's own 25 s bound before SIGKILL, so that bound normally decides. */
const FORCE_EXIT_MS = 28_000;

/**
 * How a foreground stack ends: SIGINT/SIGTERM, or one of its services dying, stops the whole
 * stack (web and api drain, then the database) and exits. The exit code is 0 only when the stop
 * was asked for and every service exited 0, so a supervisor can tell a clean stop from one that
 * dropped work. Shared by `npm start` and the shutdown test's stand-in for it.
 */
export function stopOnSignals(stack: Stack, options: StopOnSignalOptions): void {
  const { output } = options;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    output(`\nstopping (${reason})…`);
    const forceExit = setTimeout(() => process.exit(1), FORCE_EXIT_MS);
    await stack.stop();
    clearTimeout(forceExit);
    let clean = true;
    for (const service of stack.services) {
      const exitCode = await service.exited;
      output(`${service.name} exited with code ${exitCode}`);
      if (exitCode !== 0) clean = false;
    }
    options.afterStop?.();
    output("stopped.");
    process.exit(clean ? code : 1);
  };
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));
  for (const service of stack.services) {
    void service.exited.then((exitCode) => {
      if (!stopping) void shutdown(`${service.name} exited with code ${exitCode}`, 1);
    });
  }
}
