import { CSV_COLUMNS, splitTags, unguardCsvCell } from "@ownlist/contract";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../../helper.ts";
import { type TwoUsers, twoUsers } from "../tasks/two-users.ts";

const t = build();
let u: TwoUsers;
let alicesTasks: Record<string, unknown>[];

const TRICKY = [
  { title: "Plain", tags: [] },
  { title: 'Commas, and "quotes"', description: "line one\nline two\r\nline three" },
  { title: "Ünïcödé ✓ 日本語 🎉", tags: ["café", "naïve"] },
  { title: '=HYPERLINK("http://evil.example")', description: "+1", tags: ["-minus", "@at"] },
  { title: "'=already quoted", description: "\tstarts with a tab", tags: ["a|b", "back\\slash"] },
  { title: "Done", completed: true, priority: "high", due_date: "2026-12-24" },
];

beforeAll(async () => {
  u = await twoUsers(t);
  alicesTasks = [];
  for (const task of TRICKY) {
    const created = await u.asAlice({
      method: "POST",
      url: `/api/${u.alice.id}/tasks`,
      payload: task,
    });
    expect(created.statusCode).toBe(201);
    alicesTasks.push(created.json());
  }
});

const exportAs = (headers: Record<string, string> = {}, query = "") =>
  u.asAlice({ method: "GET", url: `/api/${u.alice.id}/export${query}`, headers });

/** The CSV export read back the way an import reads it. */
function readCsv(body: string): Record<string, unknown>[] {
  expect(body.startsWith("\uFEFF")).toBe(true);
  const [header, ...rows] = parse(body, { bom: true });
  expect(header).toEqual([...CSV_COLUMNS]);
  return rows.map((cells) => {
    const task: Record<string, unknown> = {};
    CSV_COLUMNS.forEach((column, index) => {
      const cell = unguardCsvCell(cells[index]!);
      task[column] =
        column === "tags"
          ? splitTags(cell)
          : column === "completed"
            ? cell === "true"
            : cell === ""
              ? null
              : cell;
    });
    return task;
  });
}

describe("GET /api/{user_id}/export", () => {
  it("answers JSON by default: every field of every task of the person, oldest first, and nothing of anyone else's", async () => {
    const response = await exportAs();
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="ownlist-tasks-\d{4}-\d\d-\d\d\.json"$/,
    );
    const document = response.json();
    expect(document).toEqual({
      format: "ownlist-tasks",
      version: 1,
      exported_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      tasks: alicesTasks,
    });
    expect(response.body).not.toContain("Bob's secret");
    expect(response.headers["content-disposition"]).toContain(document.exported_at.slice(0, 10));
  });

  it("answers CSV for Accept: text/csv: RFC 4180, a header row, tags joined, formulas defused", async () => {
    const response = await exportAs({ accept: "text/csv" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="ownlist-tasks-\d{4}-\d\d-\d\d\.csv"$/,
    );
    // CRLF between records; a line break inside a cell is quoted.
    expect(response.body).toContain(`${CSV_COLUMNS.join(",")}\r\n`);
    expect(response.body).toContain('"line one\nline two\r\nline three"');
    expect(response.body).toContain('"Commas, and ""quotes"""');
    // No cell starts with a formula character: each is prefixed with '.
    const cells = parse(response.body, { bom: true }).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain('\'=HYPERLINK("http://evil.example")');
    expect(cells).toContain("''=already quoted");
    expect(cells).toContain("'-minus|@at");
    expect(cells).toContain("a\\|b|back\\\\slash");
    expect(readCsv(response.body)).toEqual(alicesTasks);
    expect(response.body).not.toContain("Bob's secret");
  });

  it("lets ?format win over Accept, and refuses a format it does not have", async () => {
    const csv = await exportAs({ accept: "application/json" }, "?format=csv");
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const json = await exportAs({ accept: "text/csv" }, "?format=json");
    expect(json.headers["content-type"]).toBe("application/json; charset=utf-8");
    const preferred = await exportAs({ accept: "application/json;q=0.5, text/csv" });
    expect(preferred.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const anything = await exportAs({ accept: "*/*" });
    expect(anything.headers["content-type"]).toBe("application/json; charset=utf-8");

    const xml = await exportAs({}, "?format=xml");
    expect(xml.statusCode).toBe(422);
    expect(xml.json()).toMatchObject({ type: "urn:ownlist:problem:validation" });
    expect(xml.json().errors).toEqual([{ field: "format", message: "must be one of: json, csv" }]);
    const html = await exportAs({ accept: "text/html" });
    expect(html.statusCode).toBe(406);
    expect(html.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(html.json()).toMatchObject({ status: 406, type: "urn:ownlist:problem:not-acceptable" });
  });

  it("exports an empty document for a person with no task", async () => {
    const carol = await t.createUser("Carol");
    const asCarol = t.injectAs(carol);
    const json = await asCarol({ method: "GET", url: `/api/${carol.id}/export` });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ format: "ownlist-tasks", version: 1, tasks: [] });
    const csv = await asCarol({ method: "GET", url: `/api/${carol.id}/export?format=csv` });
    expect(csv.body).toBe(`\uFEFF${CSV_COLUMNS.join(",")}\r\n`);
  });

  it("is 403 on another person's path, and tells nothing of theirs", async () => {
    const response = await u.asAlice({ method: "GET", url: `/api/${u.bob.id}/export` });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ type: "urn:ownlist:problem:forbidden" });
    expect(response.body).not.toContain("Bob's secret");
  });

  it("streams more tasks than one cursor batch, in order", async () => {
    const dave = await t.createUser("Dave");
    await t.db.sql`
      insert into tasks (user_id, title, created_at)
      select ${dave.id}, 'Task ' || n, now() - make_interval(secs => 2000 - n)
      from generate_series(1, 1234) as n`;
    const response = await t.injectAs(dave)({ method: "GET", url: `/api/${dave.id}/export` });
    const titles = (response.json().tasks as { title: string }[]).map((task) => task.title);
    expect(titles).toHaveLength(1234);
    expect(titles[0]).toBe("Task 1");
    expect(titles[1233]).toBe("Task 1234");
  });
});
