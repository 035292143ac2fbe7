import { beforeAll, describe, expect, it } from "vitest";
import { build, type Inject, type TestUser } from "../../../helper.ts";
import { type FixtureKey, seedFixture } from "./list-fixture.ts";

const t = build();
let alice: TestUser;
let bob: TestUser;
let as: Inject;
let keyOf: Map<string, FixtureKey>;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  bob = await t.createUser("Bob");
  keyOf = await seedFixture(t, alice, bob);
  as = t.injectAs(alice);
});

async function list(query = "") {
  const response = await as({
    method: "GET",
    url: `/api/${alice.id}/tasks${query ? `?${query}` : ""}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  const tasks = response.json<{ id: string; user_id: string }[]>();
  for (const task of tasks) expect(task.user_id).toBe(alice.id);
  return { keys: tasks.map((task) => keyOf.get(task.id)), response };
}

describe("sorting (ties by created_at then id, in the same direction; no due date last)", () => {
  it.each([
    ["", "fedcba"],
    ["sort=created", "fedcba"],
    ["sort=created&order=asc", "abcdef"],
    ["sort=updated", "adfecb"],
    ["sort=updated&order=asc", "bcefda"],
    ["sort=title", "bafcde"],
    ["sort=title&order=desc", "edcfab"],
    ["sort=due_date", "edacfb"],
    ["sort=due_date&order=asc", "cadebf"],
    ["sort=priority", "ceafbd"],
    ["sort=priority&order=desc", "dbfaec"],
  ])("?%s → %s", async (query, expected) => {
    expect((await list(query)).keys.join("")).toBe(expected);
  });
});

describe("filters", () => {
  it.each([
    ["status=all", "fedcba"],
    ["status=pending", "fdca"],
    ["status=completed", "eb"],
    ["q=milk", "fa"],
    ["q=MILK", "fa"],
    ["q=école", "c"],
    ["q=écrire", "d"],
    ["q=litres", "a"],
    ["q=%25", "d"],
    ["q=_", "d"],
    ["q=bob", "c"],
    ["q=nothing-like-this", ""],
    // q also searches tags (issue 17): found in a tag only, ignoring case, as a substring.
    ["q=baking", "b"],
    ["q=BAK", "b"],
    ["q=urg", "d"],
    ["q=ork", "dc"],
    ["q=HOM", "ba"],
    ["status=pending&q=home", "a"],
    ["priority=high", "db"],
    ["priority=low", "ec"],
    ["tag=home", "ba"],
    ["tag=HOME", "ba"],
    ["tag=%20work%20", "dc"],
    ["tag=urgent", "d"],
    ["tag=hom", ""],
    ["due_before=2026-12-01", "dca"],
    ["due_after=2026-12-01", "eda"],
    ["due_before=2026-12-01&due_after=2026-12-01", "da"],
    ["due_before=2026-11-29", ""],
    ["status=pending&tag=work&sort=title", "cd"],
    ["status=completed&priority=low&q=zeb", "e"],
  ])("?%s → %s, never another user's", async (query, expected) => {
    const { keys, response } = await list(query);
    expect(keys.join("")).toBe(expected);
    expect(response.headers["x-total-count"]).toBe(String(expected.length));
    expect(response.headers.link).toBeUndefined();
  });
});

describe("pagination", () => {
  it("pages with limit and offset, X-Total-Count and Link rel=next until the last page", async () => {
    const seen: (FixtureKey | undefined)[] = [];
    let url: string | undefined = `/api/${alice.id}/tasks?sort=title&limit=2&unknown=1`;
    const links: string[] = [];
    while (url) {
      const response = await as({ method: "GET", url });
      expect(response.headers["x-total-count"]).toBe("6");
      seen.push(...response.json<{ id: string }[]>().map((task) => keyOf.get(task.id)));
      const link = response.headers.link as string | undefined;
      if (link) links.push(link);
      url = link?.match(/^<([^>]+)>; rel="next"$/)?.[1];
    }
    expect(seen.join("")).toBe("bafcde");
    expect(links).toEqual([
      `</api/${alice.id}/tasks?sort=title&limit=2&offset=2>; rel="next"`,
      `</api/${alice.id}/tasks?sort=title&limit=2&offset=4>; rel="next"`,
    ]);
  });

  it("keeps the filters in the next link", async () => {
    const { response } = await list("status=pending&q=b&limit=1");
    expect(response.headers["x-total-count"]).toBe("3");
    expect(response.headers.link).toBe(
      `</api/${alice.id}/tasks?status=pending&q=b&limit=1&offset=1>; rel="next"`,
    );
  });

  it("answers past the last page with [] and the total, without a next link", async () => {
    const { keys, response } = await list("offset=6");
    expect(keys).toEqual([]);
    expect(response.headers["x-total-count"]).toBe("6");
    expect(response.headers.link).toBeUndefined();
    const far = await list("offset=100&status=pending");
    expect(far.response.headers["x-total-count"]).toBe("4");
  });

  it("defaults to 100 per page and allows 500", async () => {
    for (let index = 0; index < 101; index++) {
      await t.db.sql`insert into tasks (user_id, title) values (${alice.id}, ${`bulk ${index}`})`;
    }
    const { keys, response } = await list();
    expect(keys).toHaveLength(100);
    expect(response.headers["x-total-count"]).toBe("107");
    expect(response.headers.link).toBe(`</api/${alice.id}/tasks?offset=100>; rel="next"`);
    expect((await list("limit=500")).keys).toHaveLength(107);
  });
});

describe("authorization", () => {
  it("answers 403 for another user's path", async () => {
    const response = await as({ method: "GET", url: `/api/${bob.id}/tasks` });
    expect(response.statusCode).toBe(403);
    expect(response.headers["x-total-count"]).toBeUndefined();
  });
});
