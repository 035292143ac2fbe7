import { readdirSync, readFileSync } from "node:fs";

/**
 * Resident memory of a process and of every process below it (cluster workers), read from
 * /proc. `null` where /proc does not exist (not Linux): the bench still runs, without RSS.
 */
export interface ProcessMemory {
  /** The largest resident set among the tree's processes: the "per worker" figure. */
  maxRssMb: number;
  /** The whole tree together. */
  totalRssMb: number;
  processes: number;
}

export function readProcessTreeMemory(rootPid: number): ProcessMemory | null {
  let pids: number[];
  try {
    pids = [rootPid, ...descendantsOf(rootPid)];
  } catch {
    return null;
  }
  const rss = pids.map(readRssKb).filter((kb): kb is number => kb !== null);
  if (rss.length === 0) return null;
  const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
  return {
    maxRssMb: mb(Math.max(...rss)),
    totalRssMb: mb(rss.reduce((sum, kb) => sum + kb, 0)),
    processes: rss.length,
  };
}

function descendantsOf(rootPid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the name in field 2 may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function readRssKb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
