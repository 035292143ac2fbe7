import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { build, fullTask, type TestUser } from "../../../helper.ts";
import { badCredentials, forgeToken } from "../../../tokens.ts";
import { MISSING_TASK_ID, rowsOf } from "./two-users.ts";

const t = build();
let alice: TestUser;
let bob: TestUser;
let aliceTaskIds: string[];
let bobTaskIds: string[];
let bobsRows: unknown[];
let valid: string[];
let credentials: (string | undefined)[];

beforeAll(async () => {
  alice = await t.createUser("Alice");
  bob = await t.createUser("Bob");
  const create = async (user: TestUser, title: string) =>
    (
      await t.injectAs(user)({
        method: "POST",
        url: `/api/${user.id}/tasks`,
        payload: fullTask({ title }),
      })
    ).json().id;
  aliceTaskIds = [await create(alice, "a1"), await create(alice, "a2")];
  bobTaskIds = [await create(bob, "b1"), await create(bob, "b2"), await create(bob, "b3")];
  bobsRows = await rowsOf(t, bob);
  const now = Math.floor(Date.now() / 1000);
  const bobClaims = {
    sub: bob.id,
    uid: bob.id,
    iat: now,
    exp: now + 600,
    iss: "ownlist-web",
    aud: "ownlist-api",
  };
  valid = [`Bearer ${t.tokenFor(alice)}`, `bearer ${t.tokenFor(alice)}`];
  credentials = [
    ...badCredentials(t.tokenSettings, alice).map((credential) => credential.authorization),
    // Attempts to pass as Bob without his key.
    `Bearer ${forgeToken({ alg: "HS256", typ: "JWT" }, bobClaims, "not-the-secret-not-the-secret-0000")}`,
    `Bearer ${forgeToken({ alg: "none" }, bobClaims, t.tokenSettings.secret)}`,
    `Bearer ${forgeToken({ alg: "HS256", typ: "JWT" }, { ...bobClaims, uid: alice.id }, t.tokenSettings.secret).replace(/\.[^.]+$/, ".")}`,
    `Bearer ${swapPayload(t.tokenFor(alice), bobClaims)}`,
  ];
});

/** Alice's header and signature around Bob's claims. */
function swapPayload(token: string, claims: object): string {
  const [header, , signature] = token.split(".");
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
});
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "😀",
    "\ud800",
    "2026-12-01",
    "2026-02-30",
    "0000-01-01",
    "high",
    "true",
  ),
  fc.string({ minLength: 195, maxLength: 260 }),
);
const anyValue = fc.oneof(
  anyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyString, { maxLength: 14 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
const fieldName = fc.constantFrom(
  "title",
  "description",
  "completed",
  "priority",
  "due_date",
  "tags",
  "id",
  "user_id",
  "created_at",
  "__proto__",
  "constructor",
);
/** Bodies that are nearly right: they reach the database and exercise every write path. */
const plausibleTask = fc.record(
  {
    title: fc.string({ minLength: 1, maxLength: 60 }),
    description: fc.option(fc.string({ maxLength: 80 })),
    completed: fc.boolean(),
    priority: fc.constantFrom("low", "medium", "high"),
    due_date: fc.option(fc.constantFrom("2026-12-01", "2024-02-29", "9999-12-31")),
    tags: fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 6 }),
  },
  { requiredKeys: ["title"] },
);
const body = fc.oneof(
  { arbitrary: plausibleTask.map((value) => JSON.stringify(value)), weight: 4 },
  {
    arbitrary: fc
      .dictionary(fieldName, anyValue, { maxKeys: 7 })
      .map((value) => JSON.stringify(value)),
    weight: 3,
  },
  { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 60 }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);
const queryKey = fc.constantFrom(
  "status",
  "q",
  "priority",
  "tag",
  "due_before",
  "due_after",
  "sort",
  "order",
  "limit",
  "offset",
  "x",
);
const query = fc.dictionary(queryKey, fc.oneof(anyString, fc.integer().map(String)), {
  maxKeys: 4,
});

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%EF%BF%BD"; // a lone surrogate cannot be percent-encoded
  }
}

describe("random requests (fast-check)", () => {
  it("never produce a 5xx and never change another user's rows", async () => {
    const request = fc.record({
      // Mostly Alice's valid token, so that paths, ids and bodies get past authentication.
      credential: fc.oneof(
        { arbitrary: fc.constantFrom(...valid), weight: 6 },
        { arbitrary: fc.constantFrom(...credentials), weight: 3 },
        { arbitrary: printable.map((value) => `Bearer ${value}`), weight: 1 },
      ),
      route: fc.constantFrom(
        "list",
        "create",
        "read",
        "replace",
        "update",
        "delete",
        "complete",
        "unknown",
      ),
      pathUser: fc.oneof(
        { arbitrary: fc.constant(alice.id), weight: 6 },
        { arbitrary: fc.constantFrom(bob.id, alice.id.toUpperCase(), `${alice.id} `), weight: 2 },
        { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
      ),
      taskId: fc.oneof(
        { arbitrary: fc.constantFrom(...aliceTaskIds), weight: 3 },
        { arbitrary: fc.constantFrom(...bobTaskIds), weight: 3 },
        { arbitrary: fc.constantFrom(MISSING_TASK_ID, "not-a-uuid"), weight: 1 },
        { arbitrary: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })), weight: 1 },
      ),
      body,
      contentType: fc.oneof(
        { arbitrary: fc.constant("application/json"), weight: 8 },
        {
          arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", undefined),
          weight: 2,
        },
      ),
      query,
    });

    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const base = `/api/${encode(r.pathUser)}/tasks`;
        const task = `${base}/${encode(r.taskId)}`;
        const targets: Record<string, [InjectOptions["method"], string]> = {
          list: [
            "GET",
            `${base}?${Object.entries(r.query)
              .map(([k, v]) => `${k}=${encode(v)}`)
              .join("&")}`,
          ],
          create: ["POST", base],
          read: ["GET", task],
          replace: ["PUT", task],
          update: ["PATCH", task],
          delete: ["DELETE", task],
          complete: ["PATCH", `${task}/complete`],
          unknown: ["POST", `${task}/archive`],
        };
        const [method, url] = targets[r.route] as [InjectOptions["method"], string];
        const headers: Record<string, string> = {};
        if (r.credential !== undefined) headers.authorization = r.credential;
        if (r.contentType !== undefined && r.body !== undefined)
          headers["content-type"] = r.contentType;
        const response = await t.app.inject({ method, url, headers, payload: r.body });
        expect(response.statusCode, `${method} ${url} ${r.body}`).toBeLessThan(500);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 400) {
          expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
        }
        expect(await rowsOf(t, bob)).toEqual(bobsRows);
      }),
      { numRuns: 500 },
    );
    // The runs reached past authentication and validation too, not only the 401 wall.
    const successes = [200, 201, 204].reduce((sum, status) => sum + (statuses.get(status) ?? 0), 0);
    expect(successes).toBeGreaterThan(0);
    for (const status of [401, 403, 404, 422]) expect(statuses.get(status)).toBeGreaterThan(0);
  });
});
