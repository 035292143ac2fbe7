import { describe, expect, it } from "vitest";
import { safeNextPath, signInPathFor } from "../../lib/auth/safe-next-path.ts";

describe("safeNextPath (the open-redirect guard)", () => {
  it.each([
    ["/tasks", "/tasks"],
    ["/tasks?status=pending&q=milk", "/tasks?status=pending&q=milk"],
    ["/account#name", "/account#name"],
    ["/a/../tasks", "/tasks"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "http://evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "evil.example",
    "tasks",
    "",
    "/" + "a".repeat(2048),
    "/sign-in",
    "/sign-up/?next=%2Fsign-in",
  ])("refuses %j and uses /tasks instead", (value) => {
    expect(safeNextPath(value)).toBe("/tasks");
  });

  it("refuses anything that is not one string", () => {
    expect(safeNextPath(undefined)).toBe("/tasks");
    expect(safeNextPath(["/tasks", "//evil.example"])).toBe("/tasks");
  });
});

describe("signInPathFor", () => {
  it("carries a safe destination and drops an unsafe one", () => {
    expect(signInPathFor("/account?x=1")).toBe("/sign-in?next=%2Faccount%3Fx%3D1");
    expect(signInPathFor("//evil.example")).toBe("/sign-in");
    expect(signInPathFor("/tasks")).toBe("/sign-in");
    expect(signInPathFor(null)).toBe("/sign-in");
  });
});
