import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const IGNORED = new Set(["node_modules", ".next", ".turbo", "test", "e2e"]);

/**
 * Builds the web app unless the last build came from the same sources: a hash of web's files,
 * the shared packages and the lock file is kept beside the build. `npm start` then costs a build
 * only after a change, and a fresh clone never starts on a stale or missing build.
 */
export async function ensureWebBuild(root: string, log: (line: string) => void): Promise<void> {
  const webDir = join(root, "apps", "web");
  const stampFile = join(webDir, ".next", "ownlist-source-hash");
  const hash = hashSources(root);
  if (existsSync(join(webDir, ".next", "BUILD_ID")) && existsSync(stampFile)) {
    if (readFileSync(stampFile, "utf8").trim() === hash) return;
  }
  log("building web (first start or sources changed)…");
  await runNextBuild(root, webDir);
  writeFileSync(stampFile, `${hash}\n`);
}

function hashSources(root: string): string {
  const hash = createHash("sha256");
  const roots = [
    join(root, "apps", "web"),
    join(root, "packages"),
    join(root, "package-lock.json"),
  ];
  for (const file of roots.flatMap(listFiles).sort()) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    if (IGNORED.has(entry.name) || entry.name.endsWith(".tsbuildinfo")) return [];
    if (entry.name === "next-env.d.ts") return [];
    return listFiles(join(path, entry.name));
  });
}

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
