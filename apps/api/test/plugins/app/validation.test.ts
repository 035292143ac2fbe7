import { beforeAll, describe, expect, it } from "vitest";
import { build, fullTask, type Inject, type TestUser } from "../../helper.ts";

const t = build();
let alice: TestUser;
let as: Inject;
let tasks: string;
let task: string;

beforeAll(async () => {
  alice = await t.createUser("Alice");
  as = t.injectAs(alice);
  tasks = `/api/${alice.id}/tasks`;
  task = (await as({ method: "POST", url: tasks, payload: { title: "x" } })).headers
    .location as string;
});

async function errorsOf(method: "POST" | "PUT" | "PATCH", payload: unknown, url?: string) {
  const response = await as({
    method,
    url: url ?? (method === "POST" ? tasks : task),
    payload: payload as object,
  });
  expect(response.statusCode, response.body).toBe(422);
  expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
  const body = response.json();
  expect(body.type).toBe("urn:ownlist:problem:validation");
  return body.errors as { field: string; message: string }[];
}

describe("no type coercion, nothing stripped (Fastify's defaults turned off)", () => {
  it.each([
    [
      "completed as a string",
      { completed: "yes" },
      "completed",
      "must be a boolean (true or false)",
    ],
    [
      "completed as the string true",
      { completed: "true" },
      "completed",
      "must be a boolean (true or false)",
    ],
    ["completed as a number", { completed: 1 }, "completed", "must be a boolean (true or false)"],
    ["title as a number", { title: 123 }, "title", "must be a string"],
    ["title as null", { title: null }, "title", "must be a string"],
    ["due_date as a number", { due_date: 20261201 }, "due_date", "must be a string or null"],
    ["description as a boolean", { description: false }, "description", "must be a string or null"],
    [
      "priority outside the enumeration",
      { priority: "urgent" },
      "priority",
      "must be one of: low, medium, high",
    ],
    ["tags as a string", { tags: "home" }, "tags", "must be an array"],
    ["a tag as a number", { tags: ["ok", 7] }, "tags[1]", "must be a string"],
  ])("refuses %s with 422 naming the field", async (_name, patch, field, message) => {
    for (const method of ["POST", "PUT", "PATCH"] as const) {
      const payload = method === "PATCH" ? patch : { title: "t", ...patch };
      expect(await errorsOf(method, payload)).toEqual([{ field, message }]);
    }
  });

  it.each(["id", "user_id", "created_at", "updated_at", "completed_at", "owner", "Title"])(
    "refuses the non-writable field %s with 422 naming it",
    async (field) => {
      for (const method of ["POST", "PUT", "PATCH"] as const) {
        expect(await errorsOf(method, { title: "t", [field]: "x" })).toEqual([
          { field, message: "is not a writable field" },
        ]);
      }
    },
  );

  it("lists one entry per bad field", async () => {
    const errors = await errorsOf("POST", {
      title: " ",
      completed: "no",
      user_id: "u",
      tags: ["", "a"],
    });
    expect(errors.map((error) => error.field).sort()).toEqual([
      "completed",
      "tags[0]",
      "title",
      "user_id",
    ]);
  });

  it("requires a title on POST and PUT", async () => {
    expect(await errorsOf("POST", { completed: true })).toEqual([
      { field: "title", message: "is required" },
    ]);
    expect(await errorsOf("PUT", {})).toEqual([{ field: "title", message: "is required" }]);
  });

  it.each([
    ["null", null],
    ["an array", [{ title: "x" }]],
    ["a string", "title"],
    ["a number", 1],
  ])("refuses a body that is %s", async (_name, payload) => {
    const response = await as({
      method: "POST",
      url: tasks,
      payload: JSON.stringify(payload),
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: "body", message: "must be an object" }]);
  });
});

describe("strings", () => {
  it.each([
    ["title", { title: "a\u0000b" }],
    ["description", { title: "t", description: "a\u0000" }],
    ["tags[0]", { title: "t", tags: ["\u0000"] }],
  ])("refuses a NUL character in %s", async (field, payload) => {
    expect(await errorsOf("POST", payload)).toEqual([
      { field, message: "must not contain NUL characters" },
    ]);
  });

  it("trims the title and counts it in code points: 200 emoji pass, 201 fail", async () => {
    const created = await as({
      method: "POST",
      url: tasks,
      payload: { title: `  ${"😀".repeat(200)}\t` },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().title).toBe("😀".repeat(200));
    expect(await errorsOf("POST", { title: "😀".repeat(201) })).toEqual([
      { field: "title", message: "must be at most 200 characters" },
    ]);
  });

  it("refuses an empty or blank title everywhere", async () => {
    for (const title of ["", "   ", "\n\t"]) {
      expect(await errorsOf("POST", { title })).toEqual([
        { field: "title", message: "must not be empty" },
      ]);
      expect(await errorsOf("PATCH", { title })).toEqual([
        { field: "title", message: "must not be empty" },
      ]);
    }
  });

  it("keeps the description as given, 0..5000 code points, or null", async () => {
    const ok = await as({
      method: "POST",
      url: tasks,
      payload: { title: "t", description: ` ${"é".repeat(4998)} ` },
    });
    expect(ok.json().description).toBe(` ${"é".repeat(4998)} `);
    expect(
      (await as({ method: "POST", url: tasks, payload: { title: "t", description: "" } })).json()
        .description,
    ).toBe("");
    expect(
      (await as({ method: "POST", url: tasks, payload: { title: "t", description: null } })).json()
        .description,
    ).toBeNull();
    expect(await errorsOf("POST", { title: "t", description: "d".repeat(5001) })).toEqual([
      { field: "description", message: "must be at most 5000 characters" },
    ]);
  });
});

describe("tags", () => {
  it("trims them and drops case-insensitive duplicates, keeping the first spelling", async () => {
    const created = await as({
      method: "POST",
      url: tasks,
      payload: { title: "t", tags: [" Home", "home ", "WORK", "work", "Été", "ÉTÉ"] },
    });
    expect(created.json().tags).toEqual(["Home", "WORK", "Été"]);
  });

  it("allows 10 distinct tags, refuses 11, and counts after de-duplication", async () => {
    const ten = Array.from({ length: 10 }, (_, index) => `tag${index}`);
    expect(
      (await as({ method: "POST", url: tasks, payload: { title: "t", tags: [...ten, "TAG0"] } }))
        .statusCode,
    ).toBe(201);
    expect(await errorsOf("POST", { title: "t", tags: [...ten, "tag10"] })).toEqual([
      { field: "tags", message: "must hold at most 10 distinct tags" },
    ]);
  });

  it("allows 32 code points per tag after trimming, refuses 33 and blank tags", async () => {
    const ok = await as({
      method: "POST",
      url: tasks,
      payload: { title: "t", tags: [` ${"🏷".repeat(32)} `] },
    });
    expect(ok.json().tags).toEqual(["🏷".repeat(32)]);
    expect(await errorsOf("POST", { title: "t", tags: ["ok", "x".repeat(33), " "] })).toEqual([
      { field: "tags[1]", message: "must be at most 32 characters" },
      { field: "tags[2]", message: "must not be empty" },
    ]);
  });
});

describe("due_date", () => {
  it.each(["2024-02-29", "0001-01-01", "9999-12-31"])(
    "accepts the calendar date %s",
    async (due_date) => {
      const created = await as({ method: "POST", url: tasks, payload: { title: "t", due_date } });
      expect(created.json().due_date).toBe(due_date);
    },
  );

  it.each([
    "2026-02-29",
    "2026-13-01",
    "2026-04-31",
    "0000-01-01",
    "2026-1-1",
    "2026-12-01T00:00:00Z",
    "tomorrow",
    "",
  ])("refuses %j", async (due_date) => {
    expect(await errorsOf("POST", { title: "t", due_date })).toEqual([
      { field: "due_date", message: "must be a calendar date (YYYY-MM-DD)" },
    ]);
  });
});

describe("/complete body", () => {
  it("refuses a non-boolean and any other field", async () => {
    const url = `${task}/complete`;
    expect(await errorsOf("PATCH", { completed: "true" }, url)).toEqual([
      { field: "completed", message: "must be a boolean (true or false)" },
    ]);
    expect(await errorsOf("PATCH", { title: "x" }, url)).toEqual([
      { field: "title", message: "is not a writable field" },
    ]);
  });
});

it("accepts a full body on POST", async () => {
  const created = await as({ method: "POST", url: tasks, payload: fullTask() });
  expect(created.statusCode).toBe(201);
});
