/**
 * Issue 11 item 6: every way to run web goes through apps/web/server.ts, which sets the client
 * address Better Auth's limits count. `npm start -w apps/web` runs server.ts (a forged
 * X-Forwarded-For is not believed); a bare `next start` refuses to start with one line. Both run
 * against the production build the e2e setup made, on the e2e database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { createDb } from "@ownlist/db/client";
import { session } from "@ownlist/db/schema";
import { eq } from "drizzle-orm";
import { afterEach, expect, inject, it } from "vitest";
import { BARE_NEXT_REFUSAL } from "../apps/web/lib/server/server-entry.ts";
import { newTestUser } from "@ownlist/test-kit/users";

const root = join(import.meta.dirname, "..");
const webDir = join(root, "apps", "web");
const running: ChildProcess[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Its own process group (detached): npm and the node it started stop together.
    process.kill(-child.pid, "SIGTERM");
    await exited;
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code, or with "ready" once the server says it is listening. */
  outcome: Promise<number | "ready">;
}

/**
 * Start a web process. "ready" means it answered a request: Next prints "Ready in" before its
 * instrumentation has run, so that line alone proves nothing; the answer does (Next finishes
 * preparing, instrumentation included, before it handles a request).
 */
function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  let exited = false;
  const outcome = new Promise<number | "ready">((resolve) => {
    let polling = false;
    const poll = async () => {
      // Until the process answers or exits; each failed attempt waits a moment before the next.
      while (!exited) {
        const answered = await fetch(`http://127.0.0.1:${env.PORT}/sign-in`).then(
          () => true,
          () => false,
        );
        if (answered) return resolve("ready");
        await new Promise((wait) => setTimeout(wait, 200));
      }
    };
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      // server.ts says "web: listening on"; Next's own server says "Ready in".
      if (!polling && /web: listening on|Ready in/.test(output)) {
        polling = true;
        void poll();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      exited = true;
      resolve(code ?? (signal ? 128 : -1));
    });
  });
  return { child, output: () => output, outcome };
}

async function webEnv(port: number): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    HOST: "127.0.0.1",
    PORT: String(port),
    WEB_ORIGIN: `http://127.0.0.1:${port}`,
    DATABASE_URL: inject("e2eDatabaseUrl"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_RATE_LIMIT_MAX: "10000",
  };
}

it("a bare `next start` in apps/web refuses to start, with one line and exit code 1", async () => {
  const port = await freePort();
  const next = start(
    process.execPath,
    [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    webDir,
    await webEnv(port),
  );
  expect(await next.outcome).toBe(1);
  expect(next.output()).toContain(BARE_NEXT_REFUSAL);
});

it("`npm start -w apps/web` runs server.ts: a forged X-Forwarded-For is not believed", async () => {
  const port = await freePort();
  const web = start("npm", ["start", "-w", "apps/web"], root, await webEnv(port));
  const outcome = await web.outcome;
  expect(outcome, web.output()).toBe("ready");
  expect(web.output()).toContain(`web: listening on http://127.0.0.1:${port}`);

  const origin = `http://127.0.0.1:${port}`;
  const person = newTestUser();
  const response = await fetch(`${origin}/api/auth/sign-up/email`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin,
      "x-forwarded-for": "203.0.113.77",
    },
    body: JSON.stringify(person),
  });
  expect(response.status).toBe(200);
  const { user } = (await response.json()) as { user: { id: string } };

  const db = createDb(inject("e2eDatabaseUrl"), { max: 1 });
  try {
    const rows = await db.db
      .select({ ipAddress: session.ipAddress })
      .from(session)
      .where(eq(session.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ipAddress).not.toBe("203.0.113.77");
    expect(rows[0]?.ipAddress).toMatch(/127\.0\.0\.1/);
  } finally {
    await db.close();
  }
});
