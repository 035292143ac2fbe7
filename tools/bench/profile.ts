import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { summariseProfiles } from "./lib/cpu-profile.ts";

/**
 * `npx tsx tools/bench/profile.ts <dir> [top]`: self time by package and by function over the
 * busy .cpuprofile files in <dir> (as written by `BENCH_CPU_PROF=1 npm run bench`).
 */
const [dir, top = "30"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: tsx tools/bench/profile.ts <directory of .cpuprofile files> [top]");
  process.exit(2);
}
const root = fileURLToPath(new URL("../..", import.meta.url));
const summary = summariseProfiles(resolve(dir), root, Number(top));
const line = (hot: { selfPercent: number; selfMs: number; name: string; location: string }) =>
  `${hot.selfPercent.toFixed(1).padStart(5)}%  ${String(hot.selfMs).padStart(7)} ms  ${hot.name}  ${hot.location}`;
console.log("by package:");
for (const hot of summary.categories) console.log(line(hot));
console.log("\nby function:");
for (const hot of summary.functions) console.log(line(hot));
