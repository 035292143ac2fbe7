import * as contract from "@ownlist/contract";
import { describe, expect, it } from "vitest";
import { codePoints } from "../../lib/tasks/draft.ts";
import { LIST_FILTER_LIMITS, PRIORITIES, TASK_LIMITS } from "../../lib/tasks/limits.ts";

describe("the UI's copies of the contract's constants", () => {
  it("equal the contract's", () => {
    expect(PRIORITIES).toEqual(contract.PRIORITIES);
    expect(TASK_LIMITS).toEqual(contract.TASK_LIMITS);
    expect(LIST_FILTER_LIMITS).toEqual(contract.LIST_FILTER_LIMITS);
  });

  it("count characters as the contract does", () => {
    for (const text of ["", "abc", "🙂🙂", "e\u0301", "\ud800", "a\udc00b"]) {
      expect(codePoints(text)).toBe(contract.codePointLength(text));
    }
  });
});
