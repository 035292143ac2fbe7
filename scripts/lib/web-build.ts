import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashSources } from "./units.ts";

/**
 * Builds the web app unless the last build came from the same sources: a hash of web's files,
 * the shared packages and the lock file is kept beside the build. `npm start` then costs a build
 * only after a change, and a fresh clone never starts on a stale or missing build.
 */
export async function ensureWebBuild(root: string, log: (line: string) => void): Promise<void> {
  const webDir = join(root, "apps", "web");
  const stampFile = join(webDir, ".next", "ownlist-source-hash");
  if (existsSync(join(webDir, ".next", "BUILD_ID")) && existsSync(stampFile)) {
    if (readFileSync(stampFile, "utf8").trim() === webSourcesHash(root)) return;
  }
  log("building web (first start or sources changed)…");
  await buildWeb(root);
}

/** `next build`, always; stamps the build with the hash of the sources it came from. */
export async function buildWeb(root: string): Promise<void> {
  const webDir = join(root, "apps", "web");
  const hash = webSourcesHash(root);
  await runNextBuild(root, webDir);
  writeFileSync(join(webDir, ".next", "ownlist-source-hash"), `${hash}\n`);
}

const webSourcesHash = (root: string) =>
  hashSources(root, ["apps/web", "packages", "package-lock.json"]);

function runNextBuild(root: string, webDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, "node_modules/next/dist/bin/next"), "build"],
      {
        cwd: webDir,
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}
