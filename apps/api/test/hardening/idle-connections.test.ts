import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { build, listenOnFreePort } from "../helper.ts";

// API_CONNECTION_TIMEOUT_SECONDS is 2 s; the header and request timeouts are far past the
// client's patience below, so only the idle timeout can close these sockets in time.
const t = build({
  API_CONNECTION_TIMEOUT_SECONDS: "2",
  API_HEADERS_TIMEOUT_SECONDS: "120",
  API_REQUEST_TIMEOUT_SECONDS: "120",
});
const server = listenOnFreePort(t);

/** How long a client waits for the server to hang up before calling it a failure. */
const PATIENCE_MS = 20_000;

const HEALTH_REQUEST = "GET /health HTTP/1.1\r\nHost: api.test\r\nConnection: keep-alive\r\n\r\n";

interface Connection {
  socket: Socket;
  /** Everything the server has sent so far. */
  received(): string;
  /** Resolves true when the server closes the socket, false if `PATIENCE_MS` passes first. */
  closedByServer(): Promise<boolean>;
}

async function open(): Promise<Connection> {
  const socket = connect(server.port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  const closed = new Promise<true>((resolve) => socket.once("close", () => resolve(true)));
  await new Promise((resolve) => socket.once("connect", resolve));
  return {
    socket,
    received: () => received,
    async closedByServer() {
      const patience = sleep(PATIENCE_MS, false as const);
      const result = await Promise.race([closed, patience]);
      socket.destroy();
      return result;
    },
  };
}

/** Waits until `count` complete responses have arrived on the connection. */
async function responses(connection: Connection, count: number): Promise<string[]> {
  for (let waited = 0; waited < PATIENCE_MS; waited += 20) {
    const answers = connection.received().match(/HTTP\/1\.1 \d{3}[^]*?\r\n\r\n\{[^}]*\}/g) ?? [];
    if (answers.length >= count) return answers;
    await sleep(20);
  }
  throw new Error(`expected ${count} responses, got: ${connection.received()}`);
}

describe("idle connections (API_CONNECTION_TIMEOUT_SECONDS)", () => {
  it("closes a socket that connects and never sends a byte", async () => {
    const connection = await open();
    expect(await connection.closedByServer()).toBe(true);
    expect(connection.received()).toBe("");
  }, 30_000);

  it("closes a keep-alive socket that goes idle after one complete exchange", async () => {
    const connection = await open();
    connection.socket.write(HEALTH_REQUEST);
    const [answer] = await responses(connection, 1);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(await connection.closedByServer()).toBe(true);
    // It was kept alive, advertising the configured timeout (not Fastify's default of 72 s).
    expect(answer).toMatch(/\r\nconnection: keep-alive\r\n/i);
    expect(answer).toMatch(/\r\nkeep-alive: timeout=2\r\n/i);
  }, 30_000);

  it("keeps serving a socket that sends its next request before the timeout", async () => {
    // The timeout measures silence, not the age of the connection: five requests 0.6 s apart
    // span longer than the 2 s timeout, and all are answered on one socket.
    const connection = await open();
    for (let i = 0; i < 5; i += 1) {
      if (i > 0) await sleep(600);
      connection.socket.write(HEALTH_REQUEST);
      await responses(connection, i + 1);
    }
    expect(connection.socket.destroyed).toBe(false);
    const answers = await responses(connection, 5);
    expect(answers.map((answer) => answer.slice(0, 12))).toEqual(Array(5).fill("HTTP/1.1 200"));
  }, 30_000);
});
