/**
 * Issue 6 item 4, for the whole stack: SIGTERM to the process `npm start` would be stops web and
 * api accepting, lets requests already in flight on both finish, stops the embedded PostgreSQL,
 * and exits 0, with what the in-flight requests wrote safely on disk. The stack is this file's
 * own (tools/test-kit/bin/throw-away-stack.ts), not the shared one of e2e/setup/stack.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmbeddedPostgres } from "@ownlist/db";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { READY_PREFIX, type ReadyLine } from "@ownlist/test-kit/ready-line";
import { newTestUser } from "@ownlist/test-kit/users";
import { startInFlightRequest } from "./fixtures/in-flight-request.ts";

const root = join(import.meta.dirname, "..");
const { resolve } = createRequire(import.meta.url);
let starter: ChildProcess;
let exited: Promise<number | null>;
let stack: ReadyLine;
const output: string[] = [];

beforeAll(async () => {
  starter = spawn(
    process.execPath,
    [
      // If this test run dies, the stand-in stops its stack instead of leaving it running.
      "--require",
      resolve("@ownlist/scripts/exit-with-parent"),
      "--import",
      "tsx",
      resolve("@ownlist/test-kit/bin/throw-away-stack"),
    ],
    { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  exited = new Promise((resolve) => starter.once("exit", (code) => resolve(code)));
  starter.stderr?.on("data", (chunk: Buffer) => output.push(String(chunk)));
  stack = await new Promise<ReadyLine>((resolve, reject) => {
    let buffered = "";
    starter.stdout?.on("data", (chunk: Buffer) => {
      output.push(String(chunk));
      buffered += String(chunk);
      const line = buffered.split("\n").find((candidate) => candidate.startsWith(READY_PREFIX));
      if (line) resolve(JSON.parse(line.slice(READY_PREFIX.length)) as ReadyLine);
    });
    void exited.then((code) =>
      reject(new Error(`the stack exited (${code}) before it was ready:\n${output.join("")}`)),
    );
  });
}, 240_000);

afterAll(async () => {
  if (starter && starter.exitCode === null && starter.signalCode === null) {
    starter.kill("SIGTERM");
    await exited;
  }
  if (stack) {
    rmSync(stack.dataDir, { recursive: true, force: true });
    rmSync(`${stack.dataDir}.password`, { force: true });
  }
}, 60_000);

/** Signs a person up on web and trades the session cookie for an api token, as the browser does. */
async function signUpWithToken(): Promise<{ id: string; token: string }> {
  const person = newTestUser();
  const signUp = await fetch(`${stack.webUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.webUrl },
    body: JSON.stringify(person),
  });
  expect(signUp.status).toBe(200);
  const cookie = signUp.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  const tokenResponse = await fetch(`${stack.webUrl}/api/token`, { headers: { cookie } });
  expect(tokenResponse.status).toBe(200);
  const { token } = (await tokenResponse.json()) as { token: string };
  const { user } = (await signUp.json()) as { user: { id: string } };
  return { id: user.id, token };
}

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

/** Bounded wait, so a server that never lets go fails the test instead of hanging it. */
async function waitUntilRefused(url: string): Promise<boolean> {
  for (let i = 0; i < 300; i += 1) {
    if (await refusesConnections(url)) return true;
    await sleep(100);
  }
  return false;
}

it("SIGTERM drains in-flight requests on web and api, stops PostgreSQL, exits 0", async () => {
  const owner = await signUpWithToken();
  const taskTitle = `written while stopping ${Date.now()}`;
  const apiRequest = await startInFlightRequest(`${stack.apiUrl}/api/${owner.id}/tasks`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: { title: taskTitle },
  });
  const latecomer = newTestUser();
  const webRequest = await startInFlightRequest(`${stack.webUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { origin: stack.webUrl },
    body: latecomer,
    keepAlive: true,
  });

  starter.kill("SIGTERM");
  // Both stop accepting while the two requests are still waiting for the rest of their bodies.
  expect(await waitUntilRefused(stack.apiUrl)).toBe(true);
  expect(await waitUntilRefused(stack.webUrl)).toBe(true);

  const [apiResponse, webResponse] = await Promise.all([apiRequest.finish(), webRequest.finish()]);
  expect(apiResponse.status).toBe(201);
  expect(JSON.parse(apiResponse.body)).toMatchObject({ title: taskTitle, user_id: owner.id });
  expect(webResponse.status).toBe(200);
  // A browser's keep-alive connection is told it ends here, rather than left open until idle.
  expect(webResponse.headers.connection).toBe("close");
  expect(JSON.parse(webResponse.body)).toMatchObject({ user: { email: latecomer.email } });

  expect(await exited).toBe(0);
  const log = output.join("");
  expect(log).toContain("api exited with code 0");
  expect(log).toContain("web exited with code 0");
  expect(existsSync(join(stack.dataDir, "postmaster.pid"))).toBe(false);
  expect(await refusesConnections(`postgres://127.0.0.1:${stack.databasePort}`)).toBe(true);

  // What the two answered requests wrote survived the stop: reopen the same data directory.
  const reopened = await startEmbeddedPostgres({ dataDir: stack.dataDir, ephemeral: true });
  const sql = postgres(reopened.url, { max: 1, onnotice: () => undefined });
  try {
    const tasks = await sql`select user_id from tasks where title = ${taskTitle}`;
    expect(tasks).toEqual([{ user_id: owner.id }]);
    const users = await sql`select name from "user" where email = ${latecomer.email}`;
    expect(users).toEqual([{ name: latecomer.name }]);
  } finally {
    await sql.end();
    await reopened.stop();
  }
}, 120_000);
