/**
 * `npm run replicas` for real: embedded PostgreSQL, two api and two web production units, Debian's
 * nginx in front, Debian's redis-server for the api's limits (docs/operations.md#replicas). Skipped
 * only when nginx or redis-server is absent outside CI.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStartConfig } from "@ownlist/config";
import { findFreePort } from "@ownlist/db";
import { nginxInstalled } from "@ownlist/scripts/nginx";
import { redisInstalled } from "@ownlist/scripts/redis";
import { type Replica, type Replicas, startReplicas } from "@ownlist/scripts/replicas";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const runs = (nginxInstalled() && redisInstalled()) || process.env.CI !== undefined;
if (!runs) {
  console.warn(
    "replicas tests skipped: nginx or redis-server is not installed (apt-get install -y nginx redis-server)",
  );
}

interface Person {
  email: string;
  password: string;
  id: string;
  cookie: string;
}

const JSON_HEADERS = { "content-type": "application/json" };

describe.runIf(runs)("replicas behind nginx", () => {
  let replicas: Replicas;
  let webOrigin: string;
  const log: string[] = [];

  beforeAll(async () => {
    const [port, apiPort] = [await findFreePort(), await findFreePort()];
    webOrigin = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      PORT: String(port),
      API_PORT: String(apiPort),
      HOST: "127.0.0.1",
      WEB_ORIGIN: webOrigin,
      API_URL: `http://127.0.0.1:${apiPort}`,
      LOG_LEVEL: "warn",
      // The load below is one person's; the limits are not what these tests are about.
      API_RATE_LIMIT_MAX: "0",
      API_REJECTED_RATE_LIMIT_MAX: "0",
      AUTH_RATE_LIMIT_MAX: "1000000",
      TOKEN_RATE_LIMIT_MAX: "1000000",
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    replicas = await startReplicas({
      root,
      config: loadStartConfig(env),
      env,
      apiCount: 2,
      webCount: 2,
      dataDir: join(tmpdir(), `ownlist-replicas-test-pg-${randomBytes(4).toString("hex")}`),
      ephemeralData: true,
      output: (line) => log.push(line),
    }).catch((error: unknown) => {
      // What the replicas said is the only clue to why they did not start.
      console.error(log.slice(-40).join("\n"));
      throw error;
    });
  }, 600_000);

  afterAll(async () => {
    await replicas?.stop();
  }, 60_000);

  afterEach((context) => {
    // What the replicas and nginx said is the clue to a failure; a passing test keeps quiet.
    if (context.task.result?.state === "fail") console.error(log.slice(-80).join("\n"));
  });

  const direct = (replica: Replica) => `http://127.0.0.1:${replica.port}`;

  async function signUp(webUrl: string): Promise<Omit<Person, "cookie">> {
    const email = `replica-${randomUUID()}@example.test`;
    const password = `pw-${randomBytes(9).toString("base64url")}`;
    const response = await fetch(`${webUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { ...JSON_HEADERS, origin: webOrigin },
      body: JSON.stringify({ name: "Replica Person", email, password }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { id: string } };
    return { email, password, id: body.user.id };
  }

  async function signIn(webUrl: string, person: Omit<Person, "cookie">): Promise<Person> {
    const response = await fetch(`${webUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { ...JSON_HEADERS, origin: webOrigin },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    return { ...person, cookie };
  }

  async function token(webUrl: string, person: Person): Promise<Response> {
    return fetch(`${webUrl}/api/token`, { headers: { cookie: person.cookie } });
  }

  async function tokenFor(webUrl: string, person: Person): Promise<string> {
    const response = await token(webUrl, person);
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  async function newPerson(): Promise<{ person: Person; bearer: string }> {
    const person = await signIn(replicas.webUrl, await signUp(replicas.webUrl));
    return { person, bearer: await tokenFor(replicas.webUrl, person) };
  }

  it("signs up on one web replica, in on another, and the token works on every api replica", async () => {
    const [web1, web2] = replicas.web as [Replica, Replica];
    const person = await signIn(direct(web2), await signUp(direct(web1)));
    // The third request goes through nginx, to whichever web replica it picks.
    const bearer = await tokenFor(replicas.webUrl, person);
    const created = await fetch(`${direct(replicas.api[0] as Replica)}/api/${person.id}/tasks`, {
      method: "POST",
      headers: { ...JSON_HEADERS, authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ title: "made on api1" }),
    });
    expect(created.status).toBe(201);
    for (const api of replicas.api) {
      const listed = await fetch(`${direct(api)}/api/${person.id}/tasks`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      expect(listed.status).toBe(200);
      const body = (await listed.json()) as { title: string }[];
      expect(body.map((task) => task.title)).toEqual(["made on api1"]);
    }
  });

  it("ends a session on every web replica when it is ended on one", async () => {
    const [web1, web2] = replicas.web as [Replica, Replica];
    const person = await signIn(direct(web1), await signUp(direct(web1)));
    expect((await token(direct(web2), person)).status).toBe(200);
    const signedOut = await fetch(`${direct(web1)}/api/auth/sign-out`, {
      method: "POST",
      headers: { ...JSON_HEADERS, origin: webOrigin, cookie: person.cookie },
      body: "{}",
    });
    expect(signedOut.status).toBe(200);
    for (const web of [web1, web2]) expect((await token(direct(web), person)).status).toBe(401);
  });

  it("answers the same sequence identically from two api replicas, interleaved", async () => {
    const [api1, api2] = replicas.api as [Replica, Replica];
    // One person's sequence all on api1, another's alternating api1/api2: same answers.
    const transcript = async (pick: (step: number) => Replica) => {
      const { person, bearer } = await newPerson();
      const headers = { ...JSON_HEADERS, authorization: `Bearer ${bearer}` };
      const base = (step: number) => `${direct(pick(step))}/api/${person.id}/tasks`;
      const ids: string[] = [];
      const answers: unknown[] = [];
      // Ids, times, cursors and request ids differ by nature; everything else must not.
      const names = new Map<string, string>();
      const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
      const record = async (response: Response) => {
        const text = await response.text();
        const body = text
          .replaceAll(person.id, "<user>")
          .replace(/"request_id":"[^"]*"/g, '"request_id":"<request>"')
          .replace(uuid, (id) => {
            if (!names.has(id)) names.set(id, `<id${names.size}>`);
            return names.get(id) as string;
          })
          .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"')
          .replace(/"(next_)?cursor":"[^"]*"/g, '"$1cursor":"<cursor>"');
        answers.push({ status: response.status, body });
        return text;
      };
      let step = 0;
      for (const title of ["first", "second", "third"]) {
        const text = await record(
          await fetch(base(step++), {
            method: "POST",
            headers: { ...headers, "idempotency-key": `k-${title}` },
            body: JSON.stringify({ title, tags: ["x"] }),
          }),
        );
        ids.push((JSON.parse(text) as { id: string }).id);
      }
      const replay = await fetch(base(step++), {
        method: "POST",
        headers: { ...headers, "idempotency-key": "k-first" },
        body: JSON.stringify({ title: "first", tags: ["x"] }),
      });
      await record(replay);
      answers.push(replay.headers.get("idempotent-replayed"));
      await record(await fetch(`${base(step++)}?limit=2`, { headers }));
      await record(
        await fetch(`${base(step++)}/${ids[1]}`, {
          method: "PATCH",
          headers,
          body: JSON.stringify({ title: "second, renamed" }),
        }),
      );
      await record(
        await fetch(`${base(step++)}/${ids[0]}/complete`, {
          method: "PATCH",
          headers,
          body: JSON.stringify({ completed: true }),
        }),
      );
      await record(await fetch(`${base(step++)}?completed=false&q=renamed`, { headers }));
      await record(await fetch(`${base(step++)}/${ids[2]}`, { method: "DELETE", headers }));
      await record(await fetch(`${base(step++)}/${ids[2]}`, { headers }));
      await record(await fetch(base(step++), { headers }));
      return answers;
    };
    const alone = await transcript(() => api1);
    const interleaved = await transcript((step) => (step % 2 === 0 ? api1 : api2));
    expect(interleaved).toEqual(alone);
    expect(alone).toContain("true");
  });

  /**
   * Steady reads and keyed writes through nginx. A read counts as failed on any answer but 200; a
   * write is retried by its client with its key until it gets 201, as the contract tells clients
   * to (docs/contract.md#idempotency-key). Returns what happened once `stop` resolves.
   */
  function load(person: Person, bearer: string, options: { retryWrites: boolean }) {
    const failures: string[] = [];
    const written: string[] = [];
    let running = true;
    // Steady, not flat out: two shared cores also run PostgreSQL, four replicas and nginx.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
    const headers = { ...JSON_HEADERS, authorization: `Bearer ${bearer}` };
    const url = `${replicas.apiUrl}/api/${person.id}/tasks`;
    const reader = async () => {
      while (running) {
        const response = await fetch(`${url}?limit=20`, { headers }).catch((error: Error) => error);
        if (response instanceof Error) failures.push(`read: ${response.message}`);
        else {
          if (response.status !== 200) failures.push(`read: ${response.status}`);
          await response.arrayBuffer();
        }
        await pause();
      }
    };
    const writer = async (index: number) => {
      for (let n = 0; running; n += 1) {
        const title = `w${index}-${n}`;
        const key = randomUUID();
        for (let attempt = 0; ; attempt += 1) {
          const response = await fetch(url, {
            method: "POST",
            headers: { ...headers, "idempotency-key": key },
            body: JSON.stringify({ title }),
          }).catch((error: Error) => error);
          const status = response instanceof Error ? response.message : response.status;
          if (!(response instanceof Error)) await response.arrayBuffer();
          if (status === 201) break;
          failures.push(`write ${title}: ${status}`);
          if (!options.retryWrites || attempt > 20) return;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        written.push(title);
        await pause();
      }
    };
    const web = async () => {
      while (running) {
        const response = await fetch(`${replicas.webUrl}/sign-in`).catch((error: Error) => error);
        if (response instanceof Error) failures.push(`web: ${response.message}`);
        else {
          if (response.status !== 200) failures.push(`web: ${response.status}`);
          await response.arrayBuffer();
        }
        await pause();
      }
    };
    const workers = [reader(), reader(), reader(), writer(0), writer(1), web()];
    return {
      failures,
      written,
      async stop() {
        running = false;
        await Promise.all(workers);
      },
    };
  }

  async function titlesOf(personId: string): Promise<string[]> {
    const sql = postgres(replicas.databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      const rows = await sql<{ title: string }[]>`
        select title from tasks where user_id = ${personId} order by title`;
      return rows.map((row) => row.title);
    } finally {
      await sql.end();
    }
  }

  // nginx skips a replica that refused a request for its fail_timeout (1 s, scripts/lib/nginx.ts):
  // wait well past it, so that a loaded machine's late retries have found the replica back.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

  it("loses no read and lands every retried write once when an api replica is killed", async () => {
    const { person, bearer } = await newPerson();
    const victim = replicas.api[0] as Replica;
    const readyBefore = victim.readyCount;
    const traffic = load(person, bearer, { retryWrites: true });
    try {
      await settle();
      victim.service.child.kill("SIGKILL");
      await victim.readyAfter(readyBefore);
      await settle();
    } finally {
      await traffic.stop();
    }
    expect(traffic.failures.filter((failure) => !failure.startsWith("write"))).toEqual([]);
    expect(traffic.written.length).toBeGreaterThan(0);
    expect(await titlesOf(person.id)).toEqual([...traffic.written].sort());
  });

  it("fails no request during a rolling restart of every api and web replica", async () => {
    const { person, bearer } = await newPerson();
    const traffic = load(person, bearer, { retryWrites: false });
    try {
      await settle();
      for (const replica of [...replicas.api, ...replicas.web]) {
        const readyBefore = replica.readyCount;
        replica.service.child.kill("SIGTERM");
        await replica.readyAfter(readyBefore);
        // nginx skips a replica it found refusing for fail_timeout; let it notice this one is back.
        await settle();
      }
    } finally {
      await traffic.stop();
    }
    expect(traffic.failures).toEqual([]);
    expect(await titlesOf(person.id)).toEqual([...traffic.written].sort());
  }, 400_000);

  it("answers nginx's own errors as problem+json with no-store", async () => {
    const longUri = await fetch(`${replicas.apiUrl}/${"a".repeat(70_000)}`);
    expect(longUri.status).toBe(414);
    expect(longUri.headers.get("content-type")).toBe("application/problem+json");
    expect(longUri.headers.get("cache-control")).toBe("no-store");
    expect(await longUri.json()).toMatchObject({ type: "about:blank", status: 414 });

    const hugeHeader = await fetch(`${replicas.apiUrl}/ready`, {
      headers: { "x-filler": "a".repeat(40_000) },
    });
    expect(hugeHeader.status).toBe(400);
    expect(hugeHeader.headers.get("content-type")).toBe("application/problem+json");
    expect(await hugeHeader.json()).toMatchObject({
      type: "urn:ownlist:problem:malformed-request",
    });

    // The largest token and body the contract allows reach the api, which answers them itself.
    const { person, bearer } = await newPerson();
    const oversizedToken = await fetch(`${replicas.apiUrl}/api/${person.id}/tasks`, {
      headers: { authorization: `Bearer ${"a".repeat(4096)}` },
    });
    expect(oversizedToken.status).toBe(401);
    const bigBody = await fetch(`${replicas.apiUrl}/api/${person.id}/tasks`, {
      method: "POST",
      headers: { ...JSON_HEADERS, authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ title: "x", notes: "a".repeat(70_000) }),
    });
    expect(bigBody.status).toBe(413);
    expect(await bigBody.json()).toMatchObject({ type: "urn:ownlist:problem:payload-too-large" });
  });

  it("leaves nothing behind when stopped", async () => {
    const pids = [...replicas.api, ...replicas.web].map((replica) => replica.service.child.pid);
    const nginxPid = replicas.nginx.pid;
    // The rate limits' redis-server it started (decision 041) stops with the rest.
    const redisPid = replicas.redis?.process.pid;
    expect(redisPid).toBeDefined();
    await replicas.stop();
    for (const pid of [...pids, nginxPid, redisPid]) {
      expect(() => process.kill(pid as number, 0)).toThrow();
    }
  }, 60_000);
});
