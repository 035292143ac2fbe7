import { describe, expect, it } from "vitest";
import {
  changedFields,
  draftFromTask,
  EMPTY_DRAFT,
  parseTags,
  validateDraft,
} from "../../lib/tasks/draft.ts";
import { aTask } from "./fixtures.ts";

describe("task drafts", () => {
  it("trims the title and rejects an empty one", () => {
    expect(validateDraft({ ...EMPTY_DRAFT, title: "   " })).toEqual({
      ok: false,
      errors: { title: "Give the task a title." },
    });
    const result = validateDraft({ ...EMPTY_DRAFT, title: "  Buy milk  " });
    expect(result).toEqual({
      ok: true,
      value: { title: "Buy milk", description: null, priority: "medium", due_date: null, tags: [] },
    });
  });

  it("counts code points, not UTF-16 units", () => {
    expect(validateDraft({ ...EMPTY_DRAFT, title: "🙂".repeat(200) }).ok).toBe(true);
    const tooLong = validateDraft({ ...EMPTY_DRAFT, title: "a".repeat(201) });
    expect(tooLong.ok ? null : tooLong.errors.title).toMatch(/has 201/);
  });

  it("parses tags: trimmed, # dropped, unique case-insensitively, first spelling kept", () => {
    expect(parseTags(" Home, work,, home ,#errands, WORK")).toEqual(["Home", "work", "errands"]);
  });

  it("enforces the tag and description limits", () => {
    const many = Array.from({ length: 11 }, (_, i) => `t${i}`).join(",");
    expect(validateDraft({ ...EMPTY_DRAFT, title: "x", tags: many })).toMatchObject({
      ok: false,
      errors: { tags: expect.stringMatching(/at most 10 tags/) },
    });
    expect(validateDraft({ ...EMPTY_DRAFT, title: "x", tags: "a".repeat(33) })).toMatchObject({
      ok: false,
      errors: { tags: expect.stringMatching(/32 characters \(“aaaaaaaaaaaa…”/) },
    });
    const twelve =
      Array.from({ length: 12 }, (_, i) => `t${i}`).join(",") + ",T1," + "b".repeat(33);
    expect(validateDraft({ ...EMPTY_DRAFT, title: "x", tags: twelve })).toMatchObject({
      ok: false,
      errors: { tags: "Use at most 10 tags (there are 12)." },
    });
    expect(
      validateDraft({ ...EMPTY_DRAFT, title: "x", description: "d".repeat(5001) }),
    ).toMatchObject({
      ok: false,
      errors: { description: expect.any(String) },
    });
  });

  it("rejects impossible dates and NUL characters", () => {
    expect(validateDraft({ ...EMPTY_DRAFT, title: "x", dueDate: "2026-02-30" })).toMatchObject({
      ok: false,
      errors: { due_date: expect.any(String) },
    });
    expect(validateDraft({ ...EMPTY_DRAFT, title: "x\u0000y" })).toMatchObject({
      ok: false,
      errors: { title: expect.stringMatching(/NUL/) },
    });
    expect(validateDraft({ ...EMPTY_DRAFT, title: "x", dueDate: "0000-01-01" }).ok).toBe(false);
    expect(validateDraft({ ...EMPTY_DRAFT, title: "x", dueDate: "2028-02-29" }).ok).toBe(true);
  });

  it("patches only what changed", () => {
    const task = aTask({ title: "Buy milk", tags: ["home"], due_date: "2026-12-01" });
    const result = validateDraft({ ...draftFromTask(task), title: "Buy oat milk", tags: "home" });
    if (!result.ok) throw new Error("expected a valid draft");
    expect(changedFields(task, result.value)).toEqual({ title: "Buy oat milk" });
    const cleared = validateDraft({ ...draftFromTask(task), dueDate: "", description: "2 l" });
    if (!cleared.ok) throw new Error("expected a valid draft");
    expect(changedFields(task, cleared.value)).toEqual({ due_date: null, description: "2 l" });
  });
});
