import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build, type Plugin, stop as stopEsbuild } from "esbuild";

/**
 * The production units (docs/operations.md#production-units): each a single JavaScript file
 * bundled by esbuild from the TypeScript entry, with the workspace packages inlined and every
 * other package left to node_modules (decision 038). `npm run start:api`, `start:web` and
 * `migrate` run these files with plain `node`; `npm start`, `npm run replicas`, the test kit and
 * the bench start the same files.
 */
export const UNITS = {
  api: { entry: "apps/api/src/server.ts", outfile: "apps/api/dist/server.mjs" },
  web: { entry: "apps/web/server.ts", outfile: "apps/web/dist/server.mjs" },
  migrate: { entry: "packages/db/src/migrate-cli.ts", outfile: "packages/db/dist/migrate.mjs" },
} as const;

export type UnitName = keyof typeof UNITS;

export function unitPath(root: string, name: UnitName): string {
  return join(root, UNITS[name].outfile);
}

const IGNORED = new Set(["node_modules", ".next", "dist", "test", "e2e"]);
const STAMP = "ownlist-source-hash";

/** Only the workspace's own packages (TypeScript sources) go into a bundle. */
const externalPackages: Plugin = {
  name: "external-packages",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@ownlist/") ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Bundles the units unless the last bundle came from the same sources (a hash of the api's, web's
 * server and the packages' files and the lock file, kept beside the bundles), so `npm start`
 * costs a build only after a change and never runs a stale unit.
 */
export async function ensureUnits(root: string, log: (line: string) => void): Promise<void> {
  const hash = unitSourcesHash(root);
  const fresh = stampFiles(root).every(
    (stamp) => existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash,
  );
  if (fresh) return;
  log("building the api, web server and migrate units (first start or sources changed)…");
  await buildUnits(root);
}

const unitSourcesHash = (root: string) =>
  hashSources(root, ["apps/api/src", "apps/web", "packages", "package-lock.json"]);
const stampFiles = (root: string) =>
  Object.values(UNITS).map((unit) => join(root, `${unit.outfile}.${STAMP}`));

/** Bundles every unit, then stamps each with the hash of the sources it came from. */
export async function buildUnits(root: string): Promise<void> {
  const hash = unitSourcesHash(root);
  try {
    await Promise.all(
      Object.values(UNITS).map((unit) =>
        build({
          absWorkingDir: root,
          entryPoints: [unit.entry],
          outfile: unit.outfile,
          bundle: true,
          platform: "node",
          format: "esm",
          target: "node20",
          sourcemap: "linked",
          plugins: [externalPackages],
          logLevel: "warning",
        }),
      ),
    );
  } finally {
    // esbuild keeps a service process running for the next build; in npm start's process group it
    // would get Ctrl-C's SIGINT too and, dying, take the start script down before it stops the rest.
    await stopEsbuild();
  }
  for (const stamp of stampFiles(root)) writeFileSync(stamp, `${hash}\n`);
}

/** A hash of every file under the given paths (relative to root), skipping builds and tests. */
export function hashSources(root: string, paths: string[]): string {
  const hash = createHash("sha256");
  for (const file of paths.flatMap((path) => listFiles(join(root, path))).sort()) {
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
