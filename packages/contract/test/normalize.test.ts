import { describe, expect, it } from "vitest";
import { codePointLength, normalizeTags, normalizeTaskFields, TASK_LIMITS } from "../src/index.ts";

describe("codePointLength", () => {
  it("counts an astral character (two UTF-16 units) as one", () => {
    expect(codePointLength("😀")).toBe(1);
    expect(codePointLength("a😀b")).toBe(3);
    expect(codePointLength("")).toBe(0);
  });

  it("counts a lone surrogate as one code point", () => {
    expect(codePointLength("\ud800x")).toBe(2);
  });
});

describe("normalizeTaskFields", () => {
  it("trims the title and accepts 200 code points, even astral ones", () => {
    const title = "😀".repeat(TASK_LIMITS.titleMaxLength);
    const result = normalizeTaskFields({ title: `  ${title}\n` });
    expect(result.errors).toEqual([]);
    expect(result.value.title).toBe(title);
  });

  it("refuses an empty or whitespace-only title and one of 201 code points", () => {
    expect(normalizeTaskFields({ title: " \t " }).errors).toEqual([
      { field: "title", message: "must not be empty" },
    ]);
    expect(normalizeTaskFields({ title: "x".repeat(201) }).errors[0]?.field).toBe("title");
  });

  it("limits the description to 5000 code points without trimming it", () => {
    expect(normalizeTaskFields({ description: " ".repeat(5000) }).errors).toEqual([]);
    expect(normalizeTaskFields({ description: " ".repeat(5000) }).value.description).toHaveLength(
      5000,
    );
    expect(normalizeTaskFields({ description: "x".repeat(5001) }).errors[0]?.field).toBe(
      "description",
    );
  });

  it("leaves fields named in skip alone", () => {
    const result = normalizeTaskFields({ title: "  " }, new Set(["title"]));
    expect(result.errors).toEqual([]);
  });
});

describe("normalizeTags", () => {
  it("trims, de-duplicates ignoring case and keeps the first spelling", () => {
    expect(normalizeTags([" Home ", "home", "WORK", "Work", "ÉTÉ", "été"]).value).toEqual([
      "Home",
      "WORK",
      "ÉTÉ",
    ]);
  });

  it("names the index of an empty or too long tag", () => {
    expect(normalizeTags(["ok", "  ", "x".repeat(33)]).errors).toEqual([
      { field: "tags[1]", message: "must not be empty" },
      { field: "tags[2]", message: "must be at most 32 characters" },
    ]);
  });

  it("counts distinct tags: 12 spellings of 10 tags pass, 11 distinct tags fail", () => {
    const ten = Array.from({ length: 10 }, (_, index) => `t${index}`);
    expect(normalizeTags([...ten, "T0", "T1"]).errors).toEqual([]);
    expect(normalizeTags([...ten, "t10"]).errors).toEqual([
      { field: "tags", message: "must hold at most 10 distinct tags" },
    ]);
  });
});
