import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Where development keeps its generated secret: under `.data/`, which git ignores. */
const SECRET_FILE = join(".data", "dev-secret");

/**
 * Development needs no hand-made `.env`: on first run a random BETTER_AUTH_SECRET (48 random
 * bytes, base64url) is written to `.data/dev-secret` and reused afterwards. Production never
 * gets one invented for it.
 */
export function resolveDevSecret(projectRoot: string): string {
  const file = join(projectRoot, SECRET_FILE);
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 32) return saved;
  }
  const secret = randomBytes(48).toString("base64url");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The monorepo's root: the nearest folder upwards whose package.json declares workspaces. */
export function findProjectRoot(start: string = process.cwd()): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && readFileSync(manifest, "utf8").includes('"workspaces"')) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}
