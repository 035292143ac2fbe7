import { MAX_BODY_BYTES } from "@ownlist/contract";
import { describe, expect, it } from "vitest";
import { build } from "../helper.ts";

const t = build();

/** `[[[…]]]` (or `{"a":{"a":…}}`) as deep as fits in the body limit. */
function nested(kind: "array" | "object", depth: number): string {
  return kind === "array"
    ? "[".repeat(depth) + "]".repeat(depth)
    : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

describe("deeply nested JSON", () => {
  const arrayDepth = Math.floor(MAX_BODY_BYTES / 2) - 100;
  const objectDepth = Math.floor(MAX_BODY_BYTES / 6) - 100;
  const cases = [
    ["a nested array as the body", nested("array", arrayDepth)],
    ["a nested object as the body", nested("object", objectDepth)],
    ["a nested array in a writable field", `{"tags":${nested("array", arrayDepth - 20)}}`],
    ["a nested object in an unknown field", `{"x":${nested("object", objectDepth - 20)}}`],
    [
      "__proto__ deep down",
      `{"title":"t","x":${'{"__proto__":'.repeat(4000)}1${"}".repeat(4000)}}`,
    ],
  ] as const;

  it.each(cases)("answers %s with a 4xx problem, never a 5xx", async (_name, payload) => {
    expect(payload.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const user = await t.createUser();
    const inject = t.injectAs(user);
    for (const [method, url] of [
      ["POST", `/api/${user.id}/tasks`],
      ["PATCH", `/api/${user.id}/tasks/00000000-0000-4000-8000-000000000000`],
    ] as const) {
      const response = await inject({
        method,
        url,
        payload,
        headers: { "content-type": "application/json" },
      });
      expect([400, 404, 422]).toContain(response.statusCode);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
  });
});
