import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type TestUser } from "../helper.ts";

// Rate limits on (with room to spare) so that they are part of what the fuzz goes through.
const t = build({ API_RATE_LIMIT_MAX: "1000000", API_REJECTED_RATE_LIMIT_MAX: "1000000" });
let user: TestUser;
let taskId: string;
let authorizations: (string | undefined)[];

beforeAll(async () => {
  user = await t.createUser();
  const created = await t.injectAs(user)({
    method: "POST",
    url: `/api/${user.id}/tasks`,
    payload: { title: "fuzz target" },
  });
  taskId = created.json<{ id: string }>().id;
  const token = t.tokenFor(user);
  authorizations = [
    `Bearer ${token}`,
    `Bearer ${token}`,
    `Bearer ${token}`,
    undefined,
    "Bearer",
    `Basic ${token}`,
    `Bearer ${token.slice(0, -3)}abc`,
    `Bearer ${token} ${token}`,
  ];
});

const segment = fc.oneof(
  fc.constantFrom("tasks", "complete", "%00", "..", "%2e%2e", "a%ZZ", "", "api"),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.uuid(),
);
const query = fc.dictionary(
  fc.constantFrom("limit", "offset", "sort", "order", "status", "q", "tag", "due_before", "x"),
  fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)),
  { maxKeys: 4 },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      {
        title: fc.anything(),
        description: fc.anything(),
        completed: fc.anything(),
        priority: fc.anything(),
        due_date: fc.anything(),
        tags: fc.anything(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value) ?? "null"),
);
const request = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE"),
  pathShape: fc.constantFrom("list", "task", "complete", "random"),
  segments: fc.array(segment, { maxLength: 5 }),
  query,
  authorization: fc.nat({ max: 7 }),
  contentType: fc.constantFrom(
    undefined,
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "application/json; charset=latin1",
  ),
  body,
  origin: fc.constantFrom(undefined, "http://web.test:3000", "http://evil.test"),
});

function toInject(input: RequestShape): InjectOptions {
  const base = `/api/${user.id}/tasks`;
  const path = {
    list: base,
    task: `${base}/${taskId}`,
    complete: `${base}/${taskId}/complete`,
    random: `/${input.segments.join("/")}`,
  }[input.pathShape];
  const headers: Record<string, string> = {};
  const authorization = authorizations[input.authorization];
  if (authorization !== undefined) headers.authorization = authorization;
  if (input.contentType !== undefined) headers["content-type"] = input.contentType;
  if (input.origin !== undefined) headers.origin = input.origin;
  return {
    method: input.method,
    url: { pathname: path, query: input.query },
    headers,
    ...(input.body === undefined || input.method === "GET" || input.method === "HEAD"
      ? {}
      : { payload: input.body }),
  };
}
type RequestShape = typeof request extends fc.Arbitrary<infer T> ? T : never;

describe("10,000 random malformed requests", () => {
  it("never answer 5xx (503 aside), and every error is problem+json", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const response = await t.app.inject(toInject(input));
        const { statusCode } = response;
        expect(statusCode === 503 || statusCode < 500).toBe(true);
        if (statusCode >= 400 && input.method !== "HEAD") {
          expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
        }
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
