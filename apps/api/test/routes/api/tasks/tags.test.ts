import { beforeAll, describe, expect, it } from "vitest";
import { build, type TestUser } from "../../../helper.ts";
import { type TwoUsers, twoUsers } from "./two-users.ts";

const t = build();
let u: TwoUsers;
let carol: TestUser;

beforeAll(async () => {
  u = await twoUsers(t); // Bob has one task, tagged "bob"
  carol = await t.createUser("Carol");
  const create = (tags: string[], completed = false) =>
    u.asAlice({
      method: "POST",
      url: `/api/${u.alice.id}/tasks`,
      payload: { title: `Tagged ${tags.join(" ")}`, tags, completed },
    });
  for (const [tags, completed] of [
    [["work", "urgent"], false],
    [["Work"], true],
    [["home"], false],
    [["école"], false],
    [[], false],
  ] as const) {
    expect((await create([...tags], completed)).statusCode).toBe(201);
  }
  // Bob tags with one of Alice's words too: his count must never reach hers.
  const bobs = await u.asBob({
    method: "POST",
    url: `/api/${u.bob.id}/tasks`,
    payload: { title: "Bob's work", tags: ["work", "hidden"] },
  });
  expect(bobs.statusCode).toBe(201);
});

const tagsOf = (as: TwoUsers["asAlice"], userId: string) =>
  as({ method: "GET", url: `/api/${userId}/tags` });

describe("GET /api/{user_id}/tags", () => {
  it("lists every tag of the owner's tasks, once ignoring case, counted, sorted", async () => {
    const response = await tagsOf(u.asAlice, u.alice.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.json()).toEqual([
      { tag: "école", count: 1 },
      { tag: "home", count: 1 },
      { tag: "urgent", count: 1 },
      // "work" and "Work" are one tag (the `tag` filter matches both); code-point order shows "Work".
      { tag: "Work", count: 2 },
    ]);
  });

  it("counts exactly what the listing's tag filter finds for each entry", async () => {
    const tags = (await tagsOf(u.asAlice, u.alice.id)).json<{ tag: string; count: number }[]>();
    for (const { tag, count } of tags) {
      const listed = await u.asAlice({
        method: "GET",
        url: `/api/${u.alice.id}/tasks?tag=${encodeURIComponent(tag)}`,
      });
      expect(listed.headers["x-total-count"], tag).toBe(String(count));
    }
  });

  it("never shows another user's tags or counts", async () => {
    const alices = (await tagsOf(u.asAlice, u.alice.id)).body;
    expect(alices).not.toContain("hidden");
    expect(alices).not.toContain('"bob"');
    const bobs = await tagsOf(u.asBob, u.bob.id);
    expect(bobs.json()).toEqual([
      { tag: "bob", count: 1 },
      { tag: "hidden", count: 1 },
      { tag: "work", count: 1 },
    ]);
  });

  it("answers an empty array to a person without tags", async () => {
    const response = await tagsOf(t.injectAs(carol), carol.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
  });

  it("answers 403 for another user's path, leaking none of their tags", async () => {
    const response = await tagsOf(u.asAlice, u.bob.id);
    expect(response.statusCode).toBe(403);
    expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(response.json()).toMatchObject({ status: 403 });
    expect(response.body).not.toContain("hidden");
  });

  it("answers 401 without a token", async () => {
    const response = await t.app.inject({ method: "GET", url: `/api/${u.alice.id}/tags` });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: "urn:ownlist:problem:unauthenticated" });
  });
});
