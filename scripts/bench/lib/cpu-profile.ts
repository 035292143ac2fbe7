import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): self time per function, summed over every
 * profile in a directory (one per api process). Enough to say what dominated, without a viewer.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  location: string;
  selfMs: number;
  selfPercent: number;
}

export function summariseProfiles(dir: string, root: string, top = 25): HotFunction[] {
  const selfMicros = new Map<string, { name: string; location: string; micros: number }>();
  let totalMicros = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((nodeId, index) => {
      const micros = profile.timeDeltas[index] ?? 0;
      const frame = byId.get(nodeId)?.callFrame;
      if (!frame) return;
      const location = frame.url
        ? `${shorten(frame.url, root)}:${frame.lineNumber + 1}`
        : "(native)";
      const key = `${frame.functionName}@${location}`;
      const entry = selfMicros.get(key) ?? {
        name: frame.functionName || "(anonymous)",
        location,
        micros: 0,
      };
      entry.micros += micros;
      selfMicros.set(key, entry);
      totalMicros += micros;
    });
  }
  return [...selfMicros.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, top)
    .map(({ name, location, micros }) => ({
      name,
      location,
      selfMs: Math.round(micros / 1000),
      selfPercent: totalMicros ? Math.round((micros / totalMicros) * 1000) / 10 : 0,
    }));
}

function shorten(url: string, root: string): string {
  const path = url.startsWith("file://") ? new URL(url).pathname : url;
  return path.startsWith(root) ? relative(root, path) : path;
}
