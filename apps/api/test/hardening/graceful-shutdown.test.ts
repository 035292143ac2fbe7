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
/**
 * This test's harness bound, not the property under test: how long the drain takes depends on
 * the machine (200 creates of one user take turns on its advisory lock, and on the shared 2-core
 * test machine that has come close to the default 10 s). What it asserts does not move: every
 * request answered 2xx, none cut, exit 0 — which an api that cuts requests or closes its pool
 * under them fails however long it is given. That the timeout itself cuts and exits 1 is the
 * next test's, with a timeout it is sure to reach.
 */
const SHUTDOWN_TIMEOUT_SECONDS = 60;
/**
 * The request deadline, for the same reason: the 200 creates arrive at once and take turns on
 * one lock, and on a loaded machine the last of them pass the default 3 s and are answered 503
 * (rightly: request-deadline.test.ts tests that). This test is about the drain, which must give
 * each of them its normal answer.
 */
const REQUEST_DEADLINE_MS = 60_000;
/** More than the overload queue's slots (API_MAX_IN_FLIGHT, 64): some wait there at SIGTERM. */
const IN_FLIGHT = 200;
let database: TestDatabase;
let api: ChildProcess;
let port: number;
const output: string[] = [];

/** Starts a real api process on a free port; resolves once it answers /health. */
async function startApi(shutdownTimeoutSeconds: number): Promise<void> {
  port = await findFreePort();
  output.length = 0;
  api = spawn(process.execPath, ["--import", "tsx", join(root, "apps/api/src/server.ts")], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      BETTER_AUTH_SECRET: TEST_SECRET,
      // The api's own login, as npm start gives it (no owner's DATABASE_URL).
      API_DATABASE_URL: database.apiUrl,
      API_PORT: String(port),
      HOST: "127.0.0.1",
      // Debug: the test waits for "request received" lines to know the requests are in flight.
      LOG_LEVEL: "debug",
      API_SHUTDOWN_TIMEOUT_SECONDS: String(shutdownTimeoutSeconds),
      API_REQUEST_DEADLINE_MS: String(REQUEST_DEADLINE_MS),
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
}

beforeAll(async () => {
  database = await createTestDatabase();
  await startApi(SHUTDOWN_TIMEOUT_SECONDS);
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
  it("finishes every in-flight request after SIGTERM, bodies still arriving, then exits 0", async () => {
    const config = parseApiConfig({ BETTER_AUTH_SECRET: TEST_SECRET });
    const user = { id: randomUUID(), email: `${randomUUID()}@example.test`, name: "Drain" };
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    await sql`insert into "user" (id, name, email) values (${user.id}, ${user.name}, ${user.email})`;
    const token = signApiToken(config.token, user).token;

    const inFlight = await Promise.all(
      Array.from({ length: IN_FLIGHT }, (_, i) => startSlowPost(user.id, token, `in flight ${i}`)),
    );
    // Bounded wait until the api has read every request's headers (a connection it has not
    // read from yet is idle, and closing idle connections on shutdown is right); +1: /health.
    const incoming = () => output.join("").split('"request received"').length - 1;
    for (let i = 0; i < 300 && incoming() < IN_FLIGHT + 1; i += 1) await sleep(100);
    expect(incoming()).toBeGreaterThanOrEqual(IN_FLIGHT + 1);
    const exited = new Promise<number | null>((resolve) => api.once("exit", resolve));
    // A bound, not a timing: an api that waits past its own shutdown timeout never exits 0.
    const exitedInTime = Promise.race([
      exited,
      sleep((SHUTDOWN_TIMEOUT_SECONDS + 5) * 1000).then(() => "still running"),
    ]);
    api.kill("SIGTERM");
    // Bounded wait until the api has stopped accepting new connections.
    let refused = false;
    for (let i = 0; i < 300 && !refused; i += 1) {
      // A probe that got in just before the close waits in the admission queue behind the
      // half-sent requests: give up on it (a time-out is not a refusal) and probe again.
      refused = await fetch(`http://127.0.0.1:${port}/health`, {
        signal: AbortSignal.timeout(1_000),
      }).then(
        () => false,
        (error: Error) => error.name !== "TimeoutError",
      );
      if (!refused) await sleep(100);
    }
    expect(refused).toBe(true);

    const responses = await Promise.all(inFlight.map((request) => request.finish()));
    const statuses = responses.map((response) => response.slice(0, 12));
    expect(statuses).toEqual(Array.from({ length: IN_FLIGHT }, () => "HTTP/1.1 201"));
    expect(await exitedInTime).toBe(0);
    const rows = await sql`select title from tasks where user_id = ${user.id}`;
    expect(rows).toHaveLength(IN_FLIGHT);
    await sql.end();
    // The harness: the api's start, the shutdown timeout and the requests around it.
  }, 150_000);

  it("cuts what is still in flight at API_SHUTDOWN_TIMEOUT_SECONDS and exits 1", async () => {
    await startApi(1);
    const config = parseApiConfig({ BETTER_AUTH_SECRET: TEST_SECRET });
    const user = { id: randomUUID(), email: `${randomUUID()}@example.test`, name: "Cut" };
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    await sql`insert into "user" (id, name, email) values (${user.id}, ${user.name}, ${user.email})`;
    const token = signApiToken(config.token, user).token;
    await startSlowPost(user.id, token, "never finished");
    const incoming = () => output.join("").split('"request received"').length - 1;
    for (let i = 0; i < 300 && incoming() < 2; i += 1) await sleep(100);
    const exited = new Promise<number | null>((resolve) => api.once("exit", resolve));
    api.kill("SIGTERM");
    // The body never arrives: the api gives up on it at its timeout instead of waiting for
    // API_REQUEST_TIMEOUT_SECONDS or a supervisor's SIGKILL, and says so with its exit code.
    expect(await exited).toBe(1);
    expect(output.join("")).toContain("shutdown timed out");
    await sql.end();
  }, 90_000);
});
