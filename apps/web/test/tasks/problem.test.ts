import { describe, expect, it } from "vitest";
import {
  ApiProblemError,
  describeError,
  fieldName,
  problemFromResponse,
  toFieldErrors,
} from "../../lib/tasks/problem.ts";
import { nextLink, offsetOf } from "../../lib/tasks/link-header.ts";

describe("problem+json", () => {
  it("reduces field paths to the form's field names", () => {
    expect(fieldName("title")).toBe("title");
    expect(fieldName("/title")).toBe("title");
    expect(fieldName("/tags/3")).toBe("tags");
    expect(fieldName("body.due_date")).toBe("due_date");
    expect(fieldName("tags[0]")).toBe("tags");
  });

  it("keeps the first message per field", () => {
    expect(
      toFieldErrors([
        { field: "/tags/0", message: "too long" },
        { field: "/tags/1", message: "empty" },
        { field: "/title", message: "required" },
      ]),
    ).toEqual({ tags: "too long", title: "required" });
  });

  it("reads a problem body, or makes one from the status", async () => {
    const problem = {
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: "title is too long",
      errors: [{ field: "/title", message: "must be at most 200 characters" }],
    };
    const error = await problemFromResponse(
      new Response(JSON.stringify(problem), {
        status: 422,
        headers: { "Content-Type": "application/problem+json" },
      }),
    );
    expect(error.status).toBe(422);
    expect(error.fieldErrors).toEqual({ title: "must be at most 200 characters" });
    const bare = await problemFromResponse(
      new Response("<html>", { status: 502, statusText: "Bad Gateway" }),
    );
    expect(bare.problem).toEqual({ title: "Bad Gateway", status: 502 });
  });

  it("words errors for a toast", () => {
    expect(describeError(new ApiProblemError(404, { title: "Not Found", status: 404 }))).toMatch(
      /no longer exists/,
    );
    expect(describeError(new ApiProblemError(503, { title: "Unavailable", status: 503 }))).toMatch(
      /server/,
    );
    expect(describeError(new TypeError("Failed to fetch"))).toMatch(/connection/);
  });
});

describe("Link header", () => {
  it("finds rel=next among several links", () => {
    const header =
      '<https://api.test/api/u/tasks?offset=0&limit=2>; rel="prev", <https://api.test/api/u/tasks?limit=2&offset=4>; rel="next"';
    expect(nextLink(header)).toBe("https://api.test/api/u/tasks?limit=2&offset=4");
    expect(offsetOf(nextLink(header) ?? "")).toBe(4);
  });

  it("accepts relative URLs, unquoted and multiple rels", () => {
    expect(nextLink("</api/u/tasks?offset=100>; rel=next")).toBe("/api/u/tasks?offset=100");
    expect(nextLink('</x?offset=1>; rel="last next"')).toBe("/x?offset=1");
  });

  it("returns null without a next link", () => {
    expect(nextLink(null)).toBeNull();
    expect(nextLink('</x>; rel="prev"')).toBeNull();
    expect(offsetOf("/x?limit=2")).toBeNull();
  });
});
