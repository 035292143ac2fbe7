import { beforeAll, describe, expect, it } from "vitest";
import { build, countTasks, type Inject, type TestUser } from "../../../helper.ts";

/**
 * docs/contract.md#writes: after a person deletes their account (web deletes the `user` row;
 * tasks and idempotency keys cascade), a token issued before keeps verifying until it expires
 * (the api is stateless), but every write with it is a 401 `invalid-token` — never a 500, never a
 * row written — and reads find nothing.
 */
const t = build();
let gone: TestUser;
let asGone: Inject;
let taskUrl: string;

beforeAll(async () => {
  gone = await t.createUser("Leaving");
  asGone = t.injectAs(gone);
  const created = await asGone({
    method: "POST",
    url: `/api/${gone.id}/tasks`,
    payload: { title: "Mine" },
  });
  expect(created.statusCode).toBe(201);
  taskUrl = created.headers.location as string;
  await t.db.sql`delete from "user" where id = ${gone.id}`;
  expect(await countTasks(t, gone.id)).toBe(0);
});

const csv = { "content-type": "text/csv" };

const WRITES = () =>
  [
    { name: "create", method: "POST", url: `/api/${gone.id}/tasks`, payload: { title: "New" } },
    { name: "replace", method: "PUT", url: taskUrl, payload: { title: "Replaced" } },
    { name: "update", method: "PATCH", url: taskUrl, payload: { title: "Patched" } },
    { name: "complete", method: "PATCH", url: `${taskUrl}/complete` },
    { name: "delete", method: "DELETE", url: taskUrl },
    {
      name: "import",
      method: "POST",
      url: `/api/${gone.id}/import`,
      payload: "title\nImported\n",
      headers: csv,
    },
    {
      name: "import, dry run",
      method: "POST",
      url: `/api/${gone.id}/import?dry_run=true`,
      payload: "title\nImported\n",
      headers: csv,
    },
  ] as const;

describe("a token whose person has deleted their account", () => {
  it.each([false, true])(
    "gets 401 invalid-token on every write (keyed: %s), logged, with nothing written",
    async (keyed) => {
      for (const write of WRITES()) {
        const headers: Record<string, string> = { ...("headers" in write ? write.headers : {}) };
        if (keyed) headers["idempotency-key"] = `gone-${write.name.replace(/\W+/g, "-")}`;
        const response = await asGone({
          method: write.method,
          url: write.url,
          payload: "payload" in write ? write.payload : undefined,
          headers,
        });
        expect(response.statusCode, write.name).toBe(401);
        expect(response.headers["content-type"], write.name).toBe(
          "application/problem+json; charset=utf-8",
        );
        expect(response.json(), write.name).toMatchObject({
          type: "urn:ownlist:problem:invalid-token",
          detail: "The account this token was issued for no longer exists.",
        });
        expect(response.headers["www-authenticate"], write.name).toContain('error="invalid_token"');
        const logged = t.logs.filter(
          (line) =>
            line.event === "request_rejected" &&
            line.reason === "unknown_user" &&
            line.request_id === response.headers["x-request-id"],
        );
        expect(logged, write.name).toHaveLength(1);
      }
      expect(await countTasks(t, gone.id)).toBe(0);
      const keys = await t.db.sql`select 1 from idempotency_keys where user_id = ${gone.id}`;
      expect(keys).toHaveLength(0);
      const imports = await t.db.sql`select 1 from task_imports where user_id = ${gone.id}`;
      expect(imports).toHaveLength(0);
    },
  );

  it("reads nothing: an empty list, a 404 for its old task, an empty export", async () => {
    const list = await asGone({ method: "GET", url: `/api/${gone.id}/tasks` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([]);
    expect((await asGone({ method: "GET", url: taskUrl })).statusCode).toBe(404);
    const exported = await asGone({ method: "GET", url: `/api/${gone.id}/export` });
    expect(exported.json().tasks).toEqual([]);
  });

  it("leaves a living person's missing task a 404", async () => {
    const alive = await t.createUser("Staying");
    const response = await t.injectAs(alive)({
      method: "PATCH",
      url: `/api/${alive.id}/tasks/6b1d2b3e-0000-4000-8000-000000000000`,
      payload: { title: "x" },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: "urn:ownlist:problem:not-found" });
  });
});
