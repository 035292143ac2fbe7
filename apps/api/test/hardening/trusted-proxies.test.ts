import type { InjectOptions } from "fastify";
import { describe, expect, it } from "vitest";
import { build } from "../helper.ts";

// inject's `remoteAddress` sets the socket peer that Fastify's trustProxy (proxy-addr) reads, the
// same `request.socket.remoteAddress` a real connection has; real sockets would need several
// local addresses bound (127.0.0.2, …), which not every test machine routes.
const PROXY = "10.0.0.5";
const t = build({
  TRUSTED_PROXIES: `${PROXY}, 10.1.0.0/16`,
  API_REJECTED_RATE_LIMIT_MAX: "2",
  API_RATE_LIMIT_WINDOW_SECONDS: "600",
});

function rejected(remoteAddress: string, forwardedFor?: string) {
  const headers: InjectOptions["headers"] = { authorization: "Bearer a.b.c" };
  if (forwardedFor !== undefined) headers["x-forwarded-for"] = forwardedFor;
  return t.app.inject({ url: "/api/someone/tasks", remoteAddress, headers });
}

describe("TRUSTED_PROXIES: whose X-Forwarded-For the rejected-token limit believes", () => {
  it("keys a client that connects directly by its socket, whatever X-Forwarded-For it forges", async () => {
    const client = "203.0.113.20";
    expect((await rejected(client, "198.51.100.1")).statusCode).toBe(401);
    expect((await rejected(client, "198.51.100.2")).statusCode).toBe(401);
    // A fresh forged address per request does not buy a fresh window.
    const refused = await rejected(client, "198.51.100.3");
    expect(refused.statusCode).toBe(429);
    const line = t.logs.find(
      (entry) => entry.reason === "rejected_token_rate_limit" && entry.client_address === client,
    );
    expect(line).toBeDefined();
  });

  it("keys a client behind a trusted proxy by the address the proxy saw", async () => {
    const client = "198.51.100.30";
    expect((await rejected(PROXY, client)).statusCode).toBe(401);
    expect((await rejected(PROXY, client)).statusCode).toBe(401);
    expect((await rejected(PROXY, client)).statusCode).toBe(429);
    // Another client behind the same proxy has a window of its own.
    expect((await rejected(PROXY, "198.51.100.31")).statusCode).toBe(401);
    const lines = t.logs.filter((entry) => entry.client_address === client);
    expect(lines.length).toBeGreaterThan(0);
  });

  it("takes the first untrusted hop from the right, so a forged start of the chain changes nothing", async () => {
    const client = "198.51.100.40";
    // The client forged the leftmost hop; a trusted inner proxy (10.1.x.x) appended its own.
    const via = (forged: string) => rejected(PROXY, `${forged}, ${client}, 10.1.2.3`);
    expect((await via("192.0.2.1")).statusCode).toBe(401);
    expect((await via("192.0.2.2")).statusCode).toBe(401);
    expect((await via("192.0.2.3")).statusCode).toBe(429);
  });
});
