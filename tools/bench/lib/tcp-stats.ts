import { readFileSync } from "node:fs";

/**
 * The kernel's count of connections dropped because a listening socket's accept queue was full
 * (TcpExt ListenOverflows, machine-wide). When a thousand clients connect at once to a server
 * whose backlog is smaller and whose event loop is busy, the overflowed handshakes are retried
 * by the client's TCP after 1, 3, 7… s: those connections look "starved". `null` off Linux.
 */
export function readListenOverflows(): number | null {
  return readTcpExt()?.ListenOverflows ?? null;
}

export function readTcpExt(): Record<string, number> | null {
  try {
    const lines = readFileSync("/proc/net/netstat", "utf8").split("\n");
    const [header, values] = lines.filter((line) => line.startsWith("TcpExt:"));
    if (!header || !values) return null;
    const names = header.split(/\s+/);
    const numbers = values.split(/\s+/).map(Number);
    return Object.fromEntries(names.map((name, index) => [name, numbers[index] ?? 0]));
  } catch {
    return null;
  }
}
