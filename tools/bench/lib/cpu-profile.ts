import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): self time per function and per package, over
 * every busy thread's profile in a directory. Threads that were idle throughout (tsx's module
 * loader thread) are left out, so that percentages are shares of the work actually done.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  location: string;
  selfMs: number;
  /** Share of all sampled time of the busy threads, idle included. */
  selfPercent: number;
}

export interface ProfileSummary {
  functions: HotSpot[];
  /** Self time grouped by package (node_modules/<name>), our code, Node internals, GC, idle. */
  categories: HotSpot[];
}

const IDLE = "(idle)";

export function summariseProfiles(dir: string, root: string, top = 25): ProfileSummary {
  const byFunction = new Map<string, { name: string; location: string; micros: number }>();
  const byCategory = new Map<string, number>();
  let totalMicros = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    const samples = profile.samples.map((nodeId, index) => ({
      frame: frames.get(nodeId),
      micros: profile.timeDeltas[index] ?? 0,
    }));
    const busy = samples.filter((s) => s.frame && s.frame.functionName !== IDLE);
    const all = samples.reduce((sum, s) => sum + s.micros, 0);
    if (busy.reduce((sum, s) => sum + s.micros, 0) < all * 0.05) continue; // an idle thread
    for (const { frame, micros } of samples) {
      if (!frame) continue;
      const location = frame.url ? `${shorten(frame.url, root)}:${frame.lineNumber + 1}` : "";
      const key = `${frame.functionName}@${location}`;
      const entry = byFunction.get(key) ?? {
        name: frame.functionName || "(anonymous)",
        location: location || "(native)",
        micros: 0,
      };
      entry.micros += micros;
      byFunction.set(key, entry);
      const category = categoryOf(frame.functionName, frame.url ? shorten(frame.url, root) : "");
      byCategory.set(category, (byCategory.get(category) ?? 0) + micros);
      totalMicros += micros;
    }
  }
  const toHotSpot = (name: string, location: string, micros: number): HotSpot => ({
    name,
    location,
    selfMs: Math.round(micros / 1000),
    selfPercent: totalMicros ? Math.round((micros / totalMicros) * 1000) / 10 : 0,
  });
  return {
    functions: [...byFunction.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map(({ name, location, micros }) => toHotSpot(name, location, micros)),
    categories: [...byCategory.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, micros]) => toHotSpot(name, "", micros)),
  };
}

function categoryOf(functionName: string, path: string): string {
  if (!path) return functionName.startsWith("(") ? functionName : "(native: V8 builtins, syscalls)";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return inModules[1]!;
  if (path.startsWith("node:")) return "node (http, net, streams…)";
  const ours = /^(apps\/[^/]+|packages\/[^/]+|scripts)/.exec(path);
  return ours ? ours[1]! : path;
}

function shorten(url: string, root: string): string {
  const path = url.startsWith("file://") ? new URL(url).pathname : url;
  return path.startsWith(root) ? relative(root, path) : path;
}
