import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseApiConfig } from "@ownlist/config";
import { findFreePort } from "@ownlist/db";
import { createTestDatabase, type TestDatabase } from "@ownlist/db/testing";
import { signApiToken } from "@ownlist/token";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET } from "../helper.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");
let database: TestDatabase;
let api: ChildProcess;
let port: number;
const output: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  port = await findFreePort();
  api = spawn(process.execPath, ["--import", "tsx", join(root, "apps/api/src/server.ts")], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      BETTER_AUTH_SECRET: TEST_SECRET,
      // The api's own login, as npm start gives it (no owner's DATABASE_URL).
      API_DATABASE_URL: database.apiUrl,
      API_PORT: String(port),
      HOST: "127.0.0.1",
      // Info: the test waits for "incoming request" lines to know the requests are in flight.
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  api.stdout?.on("data", (chunk) => output.push(String(chunk)));
  api.stderr?.on("data", (chunk) => output.push(String(chunk)));
  for (let i = 0; i < 600; i += 1) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await sleep(100);
  }
  throw new Error(`the api did not start:\n${output.join("")}`);
}, 90_000);

afterAll(async () => {
  if (api.exitCode === null) api.kill("SIGKILL");
  await database?.drop();
});

/** Sends a POST's headers and half its body, so the request stays in flight until `finish`. */
async function startSlowPost(userId: string, token: string, title: string) {
  const body = JSON.stringify({ title });
  const socket: Socket = connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk) => (received += String(chunk)));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(
    `POST /api/${userId}/tasks HTTP/1.1\r\nHost: api.test\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body.slice(0, 5)}`,
  );
  return {
    async finish(): Promise<string> {
      // write, not end: a half-closed client socket makes Node abort the request (the server
      // closes the connection itself after answering, Connection: close).
      socket.write(body.slice(5));
      await closed;
      return received;
    },
  };
}

describe("graceful shutdown (a real listening api process)", () => {
  it("finishes every in-flight request after SIGTERM, then exits 0", async () => {
    const config = parseApiConfig({ BETTER_AUTH_SECRET: TEST_SECRET });
    const user = { id: randomUUID(), email: `${randomUUID()}@example.test`, name: "Drain" };
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    await sql`insert into "user" (id, name, email) values (${user.id}, ${user.name}, ${user.email})`;
    const token = signApiToken(config.token, user).token;

    const inFlight = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => startSlowPost(user.id, token, `in flight ${i}`)),
    );
    // Bounded wait until the api has read all five requests' headers (a connection it has not
    // read from yet is idle, and closing idle connections on shutdown is right).
    const incoming = () => output.join("").split('"incoming request"').length - 1;
    for (let i = 0; i < 300 && incoming() < 6; i += 1) await sleep(100);
    expect(incoming()).toBeGreaterThanOrEqual(6);
    const exited = new Promise<number | null>((resolve) => api.once("exit", resolve));
    api.kill("SIGTERM");
    // Bounded wait until the api has stopped accepting new connections.
    let refused = false;
    for (let i = 0; i < 300 && !refused; i += 1) {
      refused = await fetch(`http://127.0.0.1:${port}/health`).then(
        () => false,
        () => true,
      );
      if (!refused) await sleep(100);
    }
    expect(refused).toBe(true);

    const responses = await Promise.all(inFlight.map((request) => request.finish()));
    for (const response of responses) expect(response).toMatch(/^HTTP\/1\.1 201 /);
    expect(await exited).toBe(0);
    const rows = await sql`select title from tasks where user_id = ${user.id}`;
    expect(rows).toHaveLength(5);
    await sql.end();
  }, 90_000);
});
