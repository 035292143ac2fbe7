import { LIST_FILTER_LIMITS } from "@ownlist/contract";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type Inject, type TestUser } from "../../helper.ts";

const t = build();
let alice: TestUser;
let as: Inject;
let tasks: string;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  as = t.injectAs(alice);
  tasks = `/api/${alice.id}/tasks`;
});

describe("listing query validation", () => {
  it.each([
    ["status=done", "status", "must be one of: all, pending, completed"],
    ["status=", "status", "must be one of: all, pending, completed"],
    ["priority=urgent", "priority", "must be one of: low, medium, high"],
    ["sort=random", "sort", "must be one of: created, updated, title, due_date, priority"],
    ["order=up", "order", "must be one of: asc, desc"],
    ["limit=0", "limit", "must be at least 1"],
    ["limit=501", "limit", "must be at most 500"],
    ["limit=ten", "limit", "must be an integer"],
    ["limit=1.5", "limit", "must be an integer"],
    ["limit=", "limit", "must be an integer"],
    ["offset=-1", "offset", "must be at least 0"],
    ["offset=99999999999", "offset", "must be at most 2147483647"],
    ["due_before=2026-02-30", "due_before", "must be a calendar date (YYYY-MM-DD)"],
    ["due_after=0000-01-01", "due_after", "must be a calendar date (YYYY-MM-DD)"],
    ["tag=", "tag", "must not be empty"],
    ["q=a%00b", "q", "must not contain NUL characters"],
    ["tag=a%00", "tag", "must not contain NUL characters"],
    ["status=all&status=pending", "status", "must be a string"],
    // Issue 11, item 2: a search text's length multiplies the database's work on every task.
    [
      `q=${"a".repeat(LIST_FILTER_LIMITS.searchMaxLength)}b`,
      "q",
      `must be at most ${LIST_FILTER_LIMITS.searchMaxLength} characters`,
    ],
    [
      `tag=${"a".repeat(LIST_FILTER_LIMITS.tagMaxLength + 1)}`,
      "tag",
      `must be at most ${LIST_FILTER_LIMITS.tagMaxLength} characters`,
    ],
  ])("refuses ?%s with 422 naming the parameter", async (query, field, message) => {
    const response = await as({ method: "GET", url: `${tasks}?${query}` });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().errors).toEqual([{ field, message }]);
  });

  it("names every bad parameter at once", async () => {
    const response = await as({ method: "GET", url: `${tasks}?limit=0&offset=-1&sort=x` });
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["limit", "offset", "sort"]);
  });

  it("ignores unknown parameters", async () => {
    const response = await as({
      method: "GET",
      url: `${tasks}?foo=bar&page=2&access_token=x&limit=5`,
    });
    expect(response.statusCode).toBe(200);
  });

  it("accepts the edges: limit 1 and 500, offset 0, an empty q", async () => {
    for (const query of ["limit=1", "limit=500", "offset=0", "q="]) {
      expect((await as({ method: "GET", url: `${tasks}?${query}` })).statusCode).toBe(200);
    }
  });

  it("accepts q and tag at their longest, counted in characters (code points)", async () => {
    const longest = [
      `q=${"a".repeat(LIST_FILTER_LIMITS.searchMaxLength)}`,
      `q=${encodeURIComponent("😀".repeat(LIST_FILTER_LIMITS.searchMaxLength))}`,
      `tag=${"a".repeat(LIST_FILTER_LIMITS.tagMaxLength)}`,
    ];
    for (const query of longest) {
      const response = await as({ method: "GET", url: `${tasks}?${query}` });
      expect(response.statusCode, response.body).toBe(200);
    }
  });
});
