import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface Service {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has gone. */
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * Where each output line goes, already prefixed with the service's name; or `"inherit"`: the
   * child writes to this process's own stdout and stderr, which costs this process nothing
   * (`npm start`: the api's log is not read and re-written line by line, issue 16).
   */
  output: ((line: string) => void) | "inherit";
}

/** Spawns a long-running child whose every output line is tagged with its name, or passed on. */
export function startService(options: ServiceOptions): Service {
  const { output } = options;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: output === "inherit" ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
  });
  if (output !== "inherit") {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => output(`[${options.name}] ${line}`));
    }
  }
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.on("error", () => resolve(null));
  });
  const stop = async (timeoutMs = 25_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  };
  return { name: options.name, child, exited, stop };
}

/** Polls a URL until it answers with a status below 400 (redirects are not followed). */
export async function waitForUrl(url: string, timeoutMs: number, service?: Service): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service && service.child.exitCode !== null) {
      throw new Error(
        `${service.name} exited (code ${service.child.exitCode}) before ${url} answered`,
      );
    }
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
      if (response.status < 400) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
