import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { summariseProfiles } from "./lib/cpu-profile.ts";

/**
 * `npx tsx scripts/bench/profile.ts <dir> [top]`: the functions with the most self time over
 * every .cpuprofile in <dir> (as written by `BENCH_CPU_PROF=1 npm run bench`).
 */
const [dir, top = "30"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: tsx scripts/bench/profile.ts <directory of .cpuprofile files> [top]");
  process.exit(2);
}
const root = fileURLToPath(new URL("../..", import.meta.url));
for (const hot of summariseProfiles(resolve(dir), root, Number(top))) {
  console.log(
    `${hot.selfPercent.toFixed(1).padStart(5)}%  ${String(hot.selfMs).padStart(7)} ms  ${hot.name}  ${hot.location}`,
  );
}
