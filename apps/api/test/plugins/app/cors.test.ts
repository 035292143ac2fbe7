import { beforeAll, describe, expect, it } from "vitest";
import { build, type TestUser, WEB_ORIGIN } from "../../helper.ts";

const t = build();
let alice: TestUser;
let tasks: string;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  tasks = `/api/${alice.id}/tasks`;
});

function preflight(origin: string, method = "POST") {
  return t.app.inject({
    method: "OPTIONS",
    url: tasks,
    headers: {
      origin,
      "access-control-request-method": method,
      "access-control-request-headers": "authorization, content-type",
    },
  });
}

describe("CORS", () => {
  it("answers a preflight from WEB_ORIGIN 204 without a token, allowing the api's methods and headers", async () => {
    const response = await preflight(WEB_ORIGIN, "PATCH");
    expect(response.statusCode).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe(WEB_ORIGIN);
    expect(response.headers["access-control-allow-methods"]).toBe("GET, POST, PUT, PATCH, DELETE");
    expect(response.headers["access-control-allow-headers"]).toContain("Authorization");
    // web retries its writes with a key (docs/contract.md#idempotency-key).
    expect(response.headers["access-control-allow-headers"]).toContain("Idempotency-Key");
    expect(response.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(response.body).toBe("");
  });

  it("answers a preflight from WEB_ORIGIN to an unknown /api path without a token too", async () => {
    const response = await t.app.inject({
      method: "OPTIONS",
      url: "/api/anything",
      headers: { origin: WEB_ORIGIN, "access-control-request-method": "GET" },
    });
    expect(response.statusCode).toBe(204);
  });

  it.each(["https://evil.example", "http://web.test:3001", "null", "http://WEB.test:3000x"])(
    "gives a preflight from %s no Access-Control-Allow-Origin",
    async (origin) => {
      const response = await preflight(origin);
      expect(response.statusCode).toBe(204);
      expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    },
  );

  it("treats an OPTIONS without Access-Control-Request-Method as a request: 401 without a token", async () => {
    const response = await t.app.inject({
      method: "OPTIONS",
      url: tasks,
      headers: { origin: WEB_ORIGIN },
    });
    expect(response.statusCode).toBe(401);
  });

  it("lets WEB_ORIGIN read responses, 401s included, and the headers pagination needs", async () => {
    const ok = await t.injectAs(alice)({
      method: "GET",
      url: tasks,
      headers: { origin: WEB_ORIGIN },
    });
    expect(ok.headers["access-control-allow-origin"]).toBe(WEB_ORIGIN);
    for (const header of [
      "X-Total-Count",
      "Link",
      "Location",
      "X-Request-Id",
      "Idempotent-Replayed",
      "Content-Disposition",
    ]) {
      expect(ok.headers["access-control-expose-headers"]).toContain(header);
    }
    const refused = await t.app.inject({
      method: "GET",
      url: tasks,
      headers: { origin: WEB_ORIGIN },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers["access-control-allow-origin"]).toBe(WEB_ORIGIN);
  });

  it("gives another origin's actual request no Access-Control-Allow-Origin", async () => {
    const response = await t.injectAs(alice)({
      method: "GET",
      url: tasks,
      headers: { origin: "https://evil.example" },
    });
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
