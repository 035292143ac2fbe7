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

/**
 * True when this process takes its secret from the dev secret file: BETTER_AUTH_SECRET is unset
 * (or empty) and NODE_ENV is not production. The loaders and the start notice both ask this.
 */
export function usesDevSecret(env: Record<string, string | undefined>): boolean {
  return !env.BETTER_AUTH_SECRET && env.NODE_ENV !== "production";
}

/**
 * The one line `npm start` prints when the generated development secret is in use, or undefined
 * when BETTER_AUTH_SECRET comes from the environment.
 */
export function devSecretNotice(
  env: Record<string, string | undefined>,
  projectRoot: string,
): string | undefined {
  if (!usesDevSecret(env)) return undefined;
  return `secret: BETTER_AUTH_SECRET is not set; using the generated development secret in ${join(projectRoot, SECRET_FILE)} (set BETTER_AUTH_SECRET for production)`;
}

/**
 * The environment a process's loader parses: the environment always wins; outside production a
 * missing BETTER_AUTH_SECRET is taken from (or generated into) the project's git-ignored dev
 * secret file.
 */
export function withDevSecret(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  if (!usesDevSecret(env)) return env;
  return { ...env, BETTER_AUTH_SECRET: resolveDevSecret(findProjectRoot()) };
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
