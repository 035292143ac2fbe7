import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { build, listenOnFreePort, type TestUser } from "../helper.ts";

// Real sockets: inject() and fetch() both normalise a request target before it is sent, so only
// a raw socket puts `/%61pi/…` or `GET http://x/api/…` on the wire as an attacker would.
const t = build();
const server = listenOnFreePort(t);
let alice: TestUser;
let taskId: string;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  const created = await t.injectAs(alice)({
    method: "POST",
    url: `/api/${alice.id}/tasks`,
    payload: { title: "Alice's task" },
  });
  taskId = created.json<{ id: string }>().id;
});

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

/** Sends one request with `target` exactly as written and reads the whole answer. */
function rawRequest(method: string, target: string, headers: string[] = []): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1");
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const split = received.indexOf("\r\n\r\n");
      const head = split === -1 ? received : received.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      resolve({ status, head, body: split === -1 ? "" : received.slice(split + 4) });
    });
    const lines = [
      `${method} ${target} HTTP/1.1`,
      "Host: api.test",
      "Connection: close",
      ...headers,
    ];
    // write, not end: a half-closed socket may be hung up on before a slow answer is sent.
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

/** Spellings of `/api/{user}/tasks[/{task}]` that a router or a proxy might take for it. */
function spellings(user: string, task: string): [string, string][] {
  const tasks = `/api/${user}/tasks`;
  return [
    ["percent-encoded a", `/%61pi/${user}/tasks`],
    ["percent-encoded A, upper-case escape", `/%41PI/${user}/tasks`],
    ["percent-encoded segment after /api", `/api/%75${user.slice(1)}/tasks`],
    ["percent-encoded task path", `/api/${user}/%74asks/${task}`],
    ["encoded slash", `/api%2f${user}/tasks`],
    ["double slash first", `//api/${user}/tasks`],
    ["double slash after /api", `/api//${user}/tasks`],
    ["dot-dot segment", `/x/../api/${user}/tasks`],
    ["encoded dot-dot segment", `/x/%2e%2e/api/${user}/tasks`],
    ["dot segment", `/api/./${user}/tasks`],
    ["absolute-form", `http://x${tasks}`],
    ["absolute-form, upper-case scheme", `HTTP://x${tasks}/${task}`],
    ["absolute-form with port", `http://x:8000${tasks}`],
    ["upper-case API", `/API/${user}/tasks`],
    ["mixed-case Api", `/Api/${user}/tasks`],
    ["backslash", `/api\\${user}/tasks`],
    ["matrix-style semicolon", `/api;x/${user}/tasks`],
    ["trailing dot-slash", `${tasks}/.`],
  ];
}

describe("every spelling of an /api path is authenticated, whatever reaches the router", () => {
  it("answers 401 (or at worst 404/400) to each spelling without a token, never running a route", async () => {
    for (const method of ["GET", "DELETE", "POST"]) {
      for (const [name, target] of spellings(alice.id, taskId)) {
        const headers =
          method === "POST" ? ["Content-Type: application/json", "Content-Length: 2"] : [];
        const answer = await rawRequest(method, target, headers);
        const label = `${method} ${name}: ${target}`;
        expect([401, 404, 400], label).toContain(answer.status);
        expect(answer.head, label).toMatch(/\r\ncontent-type: application\/problem\+json/i);
      }
    }
    // Nothing ran: Alice's task is still there, and she still has exactly one.
    const rows = await t.db.sql`select id from tasks where user_id = ${alice.id}`;
    expect(rows.map((row) => row.id)).toEqual([taskId]);
  });

  it("answers the spellings the router would route with 401, not 403 or 200", async () => {
    const routed = [
      `/%61pi/${alice.id}/tasks`,
      `/api/%75${alice.id.slice(1)}/tasks`,
      `http://x/api/${alice.id}/tasks`,
      `HTTP://x/api/${alice.id}/tasks/${taskId}`,
    ];
    for (const target of routed) {
      // Someone else's path (a route would say 403) and Alice's own (a route would say 200).
      for (const path of [target.replace(alice.id, "someone-else"), target]) {
        const answer = await rawRequest("GET", path);
        expect(answer.status, path).toBe(401);
        expect(answer.head, path).toMatch(/\r\nwww-authenticate: Bearer realm="ownlist"\r\n/i);
      }
    }
  });

  it("answers the spellings that name an /api path after normalising with 401", async () => {
    const normalised = [
      `/API/${alice.id}/tasks`,
      `/Api/${alice.id}/tasks`,
      `//api/${alice.id}/tasks`,
      `/api//${alice.id}/tasks`,
      `/x/../api/${alice.id}/tasks`,
      `/api/./${alice.id}/tasks`,
      `/x/%2e%2e/api/${alice.id}/tasks`,
    ];
    for (const target of normalised) {
      const answer = await rawRequest("GET", target);
      expect(answer.status, target).toBe(401);
    }
  });

  it("still serves a valid token on the canonical path, and leaves other paths alone", async () => {
    const authorization = `Authorization: Bearer ${t.tokenFor(alice)}`;
    const listed = await rawRequest("GET", `/api/${alice.id}/tasks`, [authorization]);
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body)).toMatchObject([{ id: taskId }]);
    const routed = await rawRequest("GET", `/%61pi/${alice.id}/tasks`, [authorization]);
    expect(routed.status).toBe(200);
    expect((await rawRequest("GET", "/health")).status).toBe(200);
    expect((await rawRequest("GET", "/nothing/here")).status).toBe(404);
  });
});

describe("authentication is attached to every /api route by construction", () => {
  it("gives every /api route, whatever its method, the route-level check before its own hooks", () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]) {
      const tree = t.app.printRoutes({ commonPrefix: false, includeHooks: true, method });
      const hooks = tree.split("\n").filter((line) => line.includes("(onRequest)"));
      const ownerChecks = hooks.filter((line) => line.includes("authorizeOwnerPath()"));
      expect(ownerChecks.length, method).toBeGreaterThan(0);
      for (const line of ownerChecks) {
        const authentication = line.indexOf("requireAuthentication()");
        expect(authentication, `${method}: ${line}`).toBeGreaterThan(-1);
        expect(authentication, `${method}: ${line}`).toBeLessThan(
          line.indexOf("authorizeOwnerPath()"),
        );
      }
    }
  });
});
