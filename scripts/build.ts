/**
 * `npm run build`: the production units (scripts/lib/units.ts) and web's `next build`. Always
 * rebuilds; `npm start` rebuilds only what its sources changed. `--units`: the units alone.
 */
import { findProjectRoot } from "@ownlist/config";
import { buildUnits } from "./lib/units.ts";
import { buildWeb } from "./lib/web-build.ts";

const root = findProjectRoot();
const log = (line: string) => process.stdout.write(`${line}\n`);
try {
  log("build: api, web server and migrate units (esbuild)…");
  await buildUnits(root);
  if (!process.argv.includes("--units")) {
    log("build: web (next build)…");
    await buildWeb(root);
  }
  log("build: done");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
