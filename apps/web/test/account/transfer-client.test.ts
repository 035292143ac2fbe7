import { describe, expect, it } from "vitest";
import { describeDevice } from "../../lib/account/describe-device.ts";
import {
  fileNameFromDisposition,
  importMediaType,
  readImportReport,
} from "../../lib/account/transfer-client.ts";

describe("fileNameFromDisposition", () => {
  it("takes the server's file name, plain or RFC 5987", () => {
    expect(fileNameFromDisposition('attachment; filename="ownlist-tasks-2026-12-07.csv"')).toBe(
      "ownlist-tasks-2026-12-07.csv",
    );
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''t%C3%A2ches.json")).toBe(
      "tâches.json",
    );
  });

  it("keeps no path or control character, and gives up on nothing usable", () => {
    expect(fileNameFromDisposition('attachment; filename="../../etc/pass\\u0000wd"')).toBe(
      "....etcpassu0000wd",
    );
    expect(fileNameFromDisposition('attachment; filename="/"')).toBeUndefined();
    expect(fileNameFromDisposition(null)).toBeUndefined();
  });
});

describe("readImportReport", () => {
  it("reads the summary and names each refused row by CSV line or JSON position", () => {
    expect(
      readImportReport({
        dry_run: true,
        added: 2,
        refused: [
          { line: 3, errors: [{ field: "/title", message: "must not be empty" }] },
          { index: 0, errors: [{ field: "/priority", message: "must be low, medium or high" }] },
        ],
      }),
    ).toEqual({
      count: 2,
      refused: [
        { where: "Line 3", reason: "title: must not be empty" },
        { where: "Task 1", reason: "priority: must be low, medium or high" },
      ],
    });
  });

  it("reads a 422 problem's rows, and nothing from a body without either", () => {
    expect(readImportReport({ status: 422, rows: [{ line: 2, errors: [] }] })).toEqual({
      count: 0,
      refused: [{ where: "Line 2", reason: "this row breaks the task rules" }],
    });
    expect(readImportReport({ title: "Conflict", status: 409 })).toBeUndefined();
    expect(readImportReport("nope")).toBeUndefined();
  });
});

it("knows a file's type by its media type or its name", () => {
  expect(importMediaType({ name: "x.CSV", type: "" })).toBe("text/csv");
  expect(importMediaType({ name: "x", type: "application/json" })).toBe("application/json");
  expect(importMediaType({ name: "x.txt", type: "text/plain" })).toBeUndefined();
});

it("describes a browser and system in words", () => {
  expect(
    describeDevice(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    ),
  ).toBe("Firefox 133 on Windows 10");
  expect(
    describeDevice(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    ),
  ).toMatch(/^Safari 17 on iOS/);
  expect(describeDevice(null)).toBe("An unknown browser");
  expect(describeDevice("curl/8.5.0")).toMatch(/curl|unknown/i);
});
