/**
 * Issue 15, decision 041: the api's per-user limit holds across its replicas. `npm run replicas`
 * with three api replicas behind Debian's nginx, their limits counted in the redis-server it
 * starts: a user's requests, spread by nginx over every replica, are answered 429 at the
 * configured count. A stack of its own (replicas.test.ts turns the limits off for its load).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStartConfig, parseApiConfig } from "@ownlist/config";
import { findFreePort } from "@ownlist/db";
import { nginxInstalled } from "@ownlist/scripts/nginx";
import { redisInstalled } from "@ownlist/scripts/redis";
import { type Replicas, startReplicas } from "@ownlist/scripts/replicas";
import { signApiToken } from "@ownlist/token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const runs = (nginxInstalled() && redisInstalled()) || process.env.CI !== undefined;
if (!runs) {
  console.warn("replicas rate-limit test skipped: apt-get install -y nginx redis-server to run it");
}

const API_REPLICAS = 3;
const PER_USER = 7;

describe.runIf(runs)("the per-user limit across api replicas behind nginx", () => {
  let replicas: Replicas;
  let env: NodeJS.ProcessEnv;
  const log: string[] = [];

  beforeAll(async () => {
    const [port, apiPort] = [await findFreePort(), await findFreePort()];
    env = {
      ...process.env,
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      PORT: String(port),
      API_PORT: String(apiPort),
      HOST: "127.0.0.1",
      WEB_ORIGIN: `http://127.0.0.1:${port}`,
      API_URL: `http://127.0.0.1:${apiPort}`,
      // info: each replica's access lines say which requests it answered.
      LOG_LEVEL: "info",
      API_RATE_LIMIT_MAX: String(PER_USER),
      API_RATE_LIMIT_WINDOW_SECONDS: "600",
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.API_RATE_LIMIT_STORE;
    replicas = await startReplicas({
      root,
      config: loadStartConfig(env),
      env,
      apiCount: API_REPLICAS,
      webCount: 1,
      dataDir: join(tmpdir(), `ownlist-limits-test-pg-${randomBytes(4).toString("hex")}`),
      ephemeralData: true,
      output: (line) => log.push(line),
    }).catch((error: unknown) => {
      console.error(log.slice(-40).join("\n"));
      throw error;
    });
  }, 600_000);

  afterAll(async () => {
    await replicas?.stop();
  }, 60_000);

  it("answers 429 at the configured count with the requests spread over every api replica", async () => {
    // A token signed the way web signs it; the listing of a user with no tasks is an empty 200.
    const user = { id: randomUUID(), email: "limits@example.test", name: "Limits" };
    const { token } = signApiToken(parseApiConfig(env).token, user);
    const path = `/api/${user.id}/tasks`;
    const statuses: number[] = [];
    let tooMany: Response | undefined;
    for (let n = 0; n < PER_USER + 2; n += 1) {
      const response = await fetch(`${replicas.apiUrl}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(response.status);
      if (response.status === 429) tooMany ??= response;
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([...Array<number>(PER_USER).fill(200), 429, 429]);
    expect(tooMany?.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(Number(tooMany?.headers.get("retry-after"))).toBeGreaterThan(0);
    // nginx spread them: every replica answered some of this user's requests.
    for (const replica of replicas.api) {
      const answered = log.filter(
        (line) => line.startsWith(`[${replica.name}] `) && line.includes(`"path":"${path}"`),
      );
      expect(answered.length, replica.name).toBeGreaterThan(0);
    }
  });
});
