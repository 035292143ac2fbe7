import { describe, expect, it } from "vitest";
import {
  DEFAULT_QUERY,
  isNarrowed,
  parseTaskQuery,
  serializeTaskQuery,
  toListParams,
} from "../../lib/tasks/query.ts";

const parse = (search: string) => parseTaskQuery(new URLSearchParams(search));

describe("task query in the URL", () => {
  it("reads defaults from an empty URL and writes nothing back", () => {
    expect(parse("")).toEqual(DEFAULT_QUERY);
    expect(serializeTaskQuery(DEFAULT_QUERY)).toBe("");
  });

  it("round-trips every filter", () => {
    const search = "status=pending&q=milk+2&priority=high&tag=home&sort=title&order=desc";
    const query = parse(search);
    expect(query).toEqual({
      status: "pending",
      q: "milk 2",
      priority: "high",
      tag: "home",
      sort: "title",
      order: "desc",
    });
    expect(parse(serializeTaskQuery(query))).toEqual(query);
  });

  it("falls back to defaults for values it does not know", () => {
    expect(parse("status=done&priority=urgent&sort=random&order=up&tag=%20")).toEqual(
      DEFAULT_QUERY,
    );
  });

  it("gives each sort its natural direction and leaves it out of the URL", () => {
    expect(parse("sort=due_date").order).toBe("asc");
    expect(parse("sort=priority").order).toBe("desc");
    expect(serializeTaskQuery({ ...DEFAULT_QUERY, sort: "due_date", order: "asc" })).toBe(
      "sort=due_date",
    );
    expect(serializeTaskQuery({ ...DEFAULT_QUERY, sort: "created", order: "asc" })).toBe(
      "sort=created&order=asc",
    );
  });

  it("sends explicit api parameters, trimming the search", () => {
    const params = toListParams(
      { ...DEFAULT_QUERY, q: "  milk ", tag: "home" },
      { limit: 50, offset: 100 },
    );
    expect(Object.fromEntries(params)).toEqual({
      status: "all",
      sort: "created",
      order: "desc",
      limit: "50",
      offset: "100",
      q: "milk",
      tag: "home",
    });
  });

  it("knows when a search or filter narrows the list", () => {
    expect(isNarrowed(DEFAULT_QUERY)).toBe(false);
    expect(isNarrowed({ ...DEFAULT_QUERY, status: "completed" })).toBe(false);
    expect(isNarrowed({ ...DEFAULT_QUERY, priority: "low" })).toBe(true);
  });
});
