import { TOKEN_FAILURE_DESCRIPTIONS } from "@ownlist/token";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_SINGLE_TOKEN } from "../../../src/plugins/app/authentication.ts";
import { build, type TestUser } from "../../helper.ts";
import { everyApiRequest } from "../../routes.ts";
import { type BadCredential, badCredentials } from "../../tokens.ts";

const t = build();
let alice: TestUser;
let taskId: string;
let snapshot: unknown;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  const created = await t.injectAs(alice)({
    method: "POST",
    url: `/api/${alice.id}/tasks`,
    payload: { title: "Alice's task" },
  });
  taskId = created.json().id;
  snapshot = await t.db.sql`select * from tasks order by id`;
});

function descriptionFor(credential: BadCredential): string | undefined {
  if (credential.reason === "missing_token") return undefined;
  if (credential.reason === "malformed_header") return NO_SINGLE_TOKEN;
  return TOKEN_FAILURE_DESCRIPTIONS[credential.reason];
}

/** RFC 6750 exactly; error_description's `"` become `'` (it allows no `"` inside). */
function challengeFor(credential: BadCredential): string {
  const description = descriptionFor(credential);
  if (description === undefined) return 'Bearer realm="ownlist"';
  const quoted = description.replace(/"/g, "'");
  return `Bearer realm="ownlist", error="invalid_token", error_description="${quoted}"`;
}

describe("every /api request without a valid token is a 401, before anything else", () => {
  it("refuses each bad credential on each route, leaking nothing and changing nothing", async () => {
    const credentials = badCredentials(t.tokenSettings, alice);
    const routes = everyApiRequest(alice.id, taskId);
    for (const credential of credentials) {
      for (const route of routes) {
        const headers: Record<string, string> = { ...(route.request.headers as object) };
        if (credential.authorization) headers.authorization = credential.authorization;
        if (credential.cookie) headers.cookie = credential.cookie;
        const separator = route.request.url?.toString().includes("?") ? "&" : "?";
        const url = credential.query
          ? `${route.request.url}${separator}${credential.query}`
          : route.request.url;
        const response = await t.app.inject({ ...route.request, url, headers });
        const label = `${credential.name} → ${route.name}`;
        expect(response.statusCode, label).toBe(401);
        expect(response.headers["www-authenticate"], label).toEqual(challengeFor(credential));
        expect(response.headers["content-type"], label).toBe(
          "application/problem+json; charset=utf-8",
        );
        expect(response.headers["cache-control"], label).toBe("no-store");
        expect(response.headers["x-request-id"], label).toBeTruthy();
        expect(response.headers.allow, label).toBeUndefined();
        if (route.request.method === "HEAD") {
          expect(response.body, label).toBe(""); // HEAD: the headers above are the answer
          continue;
        }
        const body = response.json();
        expect(body, label).toMatchObject({
          status: 401,
          title: "Unauthorized",
          request_id: response.headers["x-request-id"],
        });
        expect(Object.keys(body).sort(), label).toEqual([
          "detail",
          "request_id",
          "status",
          "title",
          "type",
        ]);
        // The problem names the rule in words and never echoes the token.
        const description = descriptionFor(credential);
        if (description !== undefined) expect(body.detail, label).toBe(description);
        const token = credential.authorization?.split(" ")[1];
        if (token && token.length > 10) expect(response.body, label).not.toContain(token);
      }
    }
    expect(await t.db.sql`select * from tasks order by id`).toEqual(snapshot);
  });

  it("answers a missing header with the bare challenge and the unauthenticated problem type", async () => {
    const response = await t.app.inject({ method: "GET", url: `/api/${alice.id}/tasks` });
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="ownlist"');
    expect(response.json().type).toBe("urn:ownlist:problem:unauthenticated");
  });

  it("answers a failed token with the invalid_token problem type", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/${alice.id}/tasks`,
      headers: { authorization: "Bearer a.b.c" },
    });
    expect(response.json().type).toBe("urn:ownlist:problem:invalid-token");
  });
});

describe("a valid token", () => {
  it.each(["Bearer", "bearer", "BEARER", "bEaReR"])(
    "is accepted with the scheme spelled %s",
    async (scheme) => {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/${alice.id}/tasks`,
        headers: { authorization: `${scheme} ${t.tokenFor(alice)}` },
      });
      expect(response.statusCode).toBe(200);
    },
  );

  it("is accepted with an audience array that contains ours", async () => {
    const { forgeToken } = await import("../../tokens.ts");
    const now = Math.floor(Date.now() / 1000);
    const token = forgeToken(
      { alg: "HS256", typ: "JWT" },
      { sub: alice.id, iat: now, exp: now + 60, iss: "ownlist-web", aud: ["other", "ownlist-api"] },
      t.tokenSettings.secret,
    );
    const response = await t.app.inject({
      method: "GET",
      url: `/api/${alice.id}/tasks`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it("of a user deleted since it was issued cannot create tasks (401), and reads nothing", async () => {
    const ghost = { id: "deleted-user", email: "ghost@example.test", name: "Ghost" };
    const as = t.injectAs(ghost);
    const created = await as({
      method: "POST",
      url: `/api/${ghost.id}/tasks`,
      payload: { title: "x" },
    });
    expect(created.statusCode).toBe(401);
    expect(created.headers["www-authenticate"]).toContain('error="invalid_token"');
    const listed = await as({ method: "GET", url: `/api/${ghost.id}/tasks` });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([]);
  });
});

describe("the security log", () => {
  it("has one line per rejected request with reason, request id, method, path, address and sub", async () => {
    const token = t.tokenFor(alice);
    const before = t.logs.length;
    const expired = badCredentials(t.tokenSettings, alice).find((c) => c.name === "expired");
    const refused = await t.app.inject({
      method: "GET",
      url: `/api/${alice.id}/tasks?access_token=${token}`,
      headers: { authorization: expired?.authorization as string, "x-request-id": "trace-401" },
    });
    expect(refused.statusCode).toBe(401);
    const forbidden = await t.app.inject({
      method: "GET",
      url: "/api/bob/tasks",
      headers: { authorization: `Bearer ${token}`, "x-request-id": "trace-403" },
    });
    expect(forbidden.statusCode).toBe(403);

    const lines = t.logs.slice(before).filter((line) => line.event === "request_rejected");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 40,
      reason: "expired",
      status: 401,
      request_id: "trace-401",
      method: "GET",
      path: `/api/${alice.id}/tasks`,
      client_address: "127.0.0.1",
    });
    expect(lines[0]?.sub).toBeUndefined();
    expect(lines[1]).toMatchObject({
      reason: "path_user_mismatch",
      status: 403,
      request_id: "trace-403",
      sub: alice.id,
    });
    // Never the token (sent in the header and, carelessly, in the query) nor the secret.
    const everything = JSON.stringify(t.logs);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(expired?.authorization?.slice(7));
    expect(everything).not.toContain(t.tokenSettings.secret);
  });
});
