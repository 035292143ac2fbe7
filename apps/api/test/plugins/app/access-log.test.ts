import { describe, expect, it } from "vitest";
import { build } from "../../helper.ts";

const t = build();

/** The lines one request wrote, by its request id. */
const linesOf = (requestId: string) => t.logs.filter((line) => line.request_id === requestId);

describe("access log (docs/contract.md#access-log)", () => {
  it("writes one line per request: method, path, status, duration and request id", async () => {
    const user = await t.createUser();
    const response = await t.injectAs(user)({
      method: "GET",
      url: `/api/${user.id}/tasks?limit=5`,
      headers: { "x-request-id": "access-log-ok" },
    });
    expect(response.statusCode).toBe(200);
    const lines = linesOf("access-log-ok");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: "request",
      request_id: "access-log-ok",
      method: "GET",
      path: `/api/${user.id}/tasks`,
      status: 200,
    });
    expect(typeof lines[0]?.duration_ms).toBe("number");
  });

  it("never writes the query string or the token, and leaves the security log as it was", async () => {
    const user = await t.createUser();
    const token = t.tokenFor(user);
    // A careless client puts a token in the query string; its bearer token is broken.
    const response = await t.app.inject({
      method: "GET",
      url: `/api/${user.id}/tasks?access_token=${token}&q=secret-search`,
      headers: { authorization: `Bearer ${token}x`, "x-request-id": "access-log-rejected" },
    });
    expect(response.statusCode).toBe(401);
    const lines = linesOf("access-log-rejected");
    // The rejection (security log) and the access line, nothing else.
    expect(lines.map((line) => line.msg)).toEqual(["request rejected", "request"]);
    expect(lines[0]).toMatchObject({ event: "request_rejected", status: 401 });
    expect(lines[1]).toMatchObject({ path: `/api/${user.id}/tasks`, status: 401 });
    const written = JSON.stringify(lines);
    expect(written).not.toContain(token);
    expect(written).not.toContain("access_token");
    expect(written).not.toContain("secret-search");
  });
});
