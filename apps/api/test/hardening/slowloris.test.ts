import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { build, countTasks, listenOnFreePort } from "../helper.ts";

const t = build({
  API_HEADERS_TIMEOUT_SECONDS: "1",
  API_REQUEST_TIMEOUT_SECONDS: "2",
});
const server = listenOnFreePort(t);

interface Trickle {
  /** Whether the server closed the socket before the client ran out of bytes to trickle. */
  closedByServer: boolean;
  received: string;
}

/**
 * Sends `start`, then one more `drip` every 250 ms, up to 120 drips (30 s, far past every
 * timeout under test), and reports whether the server hung up first.
 */
async function trickle(start: string, drip: string): Promise<Trickle> {
  const socket: Socket = connect(server.port, "127.0.0.1");
  let received = "";
  let closed = false;
  socket.on("data", (chunk) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  socket.on("close", () => (closed = true));
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(start);
  for (let i = 0; i < 120 && !closed; i += 1) {
    await sleep(250);
    if (!closed) socket.write(drip);
  }
  const closedByServer = closed;
  socket.destroy();
  return { closedByServer, received };
}

describe("slow clients (slowloris)", () => {
  it("cuts off a client that never finishes its headers", async () => {
    const result = await trickle("GET /health HTTP/1.1\r\nHost: api.test\r\n", "X-Slow: 1\r\n");
    expect(result.closedByServer).toBe(true);
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
  }, 60_000);

  it("cuts off a client that sends its body a byte at a time", async () => {
    const user = await t.createUser();
    const head =
      `POST /api/${user.id}/tasks HTTP/1.1\r\nHost: api.test\r\n` +
      `Authorization: Bearer ${t.tokenFor(user)}\r\n` +
      "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    const result = await trickle(head, " ");
    expect(result.closedByServer).toBe(true);
    const count = await countTasks(t, user.id);
    expect(count).toBe(0);
  }, 60_000);

  it("still serves a normal request", async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(response.status).toBe(200);
  });
});
