import { readdirSync, readFileSync } from "node:fs";

/**
 * Resident memory (and CPU time) of a process and of every process below it (cluster workers), read from
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

/**
 * CPU time (user + system, milliseconds) used so far by a process and every process below it.
 * Divided by the requests served in between, it gives a cost per request that stays meaningful
 * on a shared machine, where requests/s move with the neighbours' load. `null` off Linux.
 */
export function readProcessTreeCpuMs(rootPid: number): number | null {
  try {
    const ticksPerSecond = 100; // USER_HZ: 100 on every Linux architecture Node supports
    let ticks = 0;
    for (const pid of [rootPid, ...descendantsOf(rootPid)]) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended while we looked
      }
    }
    return (ticks * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
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
