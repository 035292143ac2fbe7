import { beforeAll, describe, expect, it } from "vitest";
import { build, countTasks, type Inject, type TestUser } from "../../../helper.ts";

const MAX_TASKS = 50;
const t = build({ API_MAX_TASKS_PER_USER: String(MAX_TASKS), API_IMPORT_MAX_BYTES: "100000" });

interface Person {
  user: TestUser;
  as: Inject;
}

async function person(name = "Importer"): Promise<Person> {
  const user = await t.createUser(name);
  return { user, as: t.injectAs(user) };
}

const importAs = (
  p: Person,
  body: string | Buffer,
  contentType: string,
  query = "",
  headers: Record<string, string> = {},
) =>
  p.as({
    method: "POST",
    url: `/api/${p.user.id}/import${query}`,
    payload: body,
    headers: { "content-type": contentType, ...headers },
  });

const exportOf = async (p: Person, format: "json" | "csv") =>
  (await p.as({ method: "GET", url: `/api/${p.user.id}/export?format=${format}` })).body;

/** The person's tasks as an export lists them, without what an import does not carry over. */
async function tasksOf(p: Person): Promise<Record<string, unknown>[]> {
  const document = JSON.parse(await exportOf(p, "json"));
  return (document.tasks as Record<string, unknown>[]).map(
    ({ id: _id, user_id: _user, ...rest }) => rest,
  );
}

const TRICKY = [
  { title: "Plain" },
  { title: 'Commas, and "quotes"', description: "line one\nline two\r\nline three" },
  { title: "Ünïcödé ✓ 日本語 🎉", tags: ["café", "naïve"] },
  { title: '=HYPERLINK("http://evil.example")', description: "+1", tags: ["-minus", "@at"] },
  { title: "'=already quoted", description: "\tstarts with a tab", tags: ["a|b", "back\\slash"] },
  { title: "Done", completed: true, priority: "high", due_date: "2026-12-24" },
];

let source: Person;
beforeAll(async () => {
  source = await person("Source");
  for (const task of TRICKY) {
    const created = await source.as({
      method: "POST",
      url: `/api/${source.user.id}/tasks`,
      payload: task,
    });
    expect(created.statusCode).toBe(201);
  }
});

describe("POST /api/{user_id}/import: round trips", () => {
  it.each(["json", "csv"] as const)(
    "imports a %s export into a fresh account: the same tasks, ids aside",
    async (format) => {
      const file = await exportOf(source, format);
      const target = await person();
      const response = await importAs(
        target,
        file,
        format === "json" ? "application/json" : "text/csv; charset=utf-8",
      );
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ dry_run: false, added: TRICKY.length, refused: [] });
      expect(await tasksOf(target)).toEqual(await tasksOf(source));
    },
  );

  it("reads a hand-written CSV with only a title column and known columns in any order", async () => {
    const target = await person();
    const csv = "Priority,TITLE,tags\r\nlow,First,home | work\r\n,Second,\r\n";
    const response = await importAs(target, csv, "text/csv");
    expect(response.statusCode).toBe(201);
    const tasks = await tasksOf(target);
    expect(tasks).toMatchObject([
      { title: "First", priority: "low", tags: ["home", "work"], description: null },
      { title: "Second", priority: "medium", tags: [] },
    ]);
  });
});

describe("POST /api/{user_id}/import: dry run and refused rows", () => {
  const csvWithBadRows = [
    "title,priority,due_date,completed",
    "Fine,low,,",
    ",high,,", // line 3: empty title
    '"Two',
    'lines",urgent,2026-02-30,maybe', // lines 4-5: bad priority, date, completed
    "Also fine,,,true",
  ].join("\r\n");

  it("previews: how many would be added and every refused row with its line and reason; changes nothing", async () => {
    const target = await person();
    const response = await importAs(target, csvWithBadRows, "text/csv", "?dry_run=true");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      dry_run: true,
      added: 2,
      refused: [
        { line: 3, errors: [{ field: "title", message: "must not be empty" }] },
        {
          line: 4,
          errors: [
            { field: "completed", message: "must be true or false" },
            { field: "priority", message: "must be one of: low, medium, high" },
            { field: "due_date", message: "must be a calendar date (YYYY-MM-DD)" },
          ],
        },
      ],
    });
    expect(await countTasks(t, target.user.id)).toBe(0);
  });

  it("imports nothing when any row is refused: 422 import-refused listing every row", async () => {
    const target = await person();
    const response = await importAs(target, csvWithBadRows, "text/csv");
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    const problem = response.json();
    expect(problem).toMatchObject({ type: "urn:ownlist:problem:import-refused", status: 422 });
    expect(problem.rows.map((row: { line: number }) => row.line)).toEqual([3, 4]);
    expect(await countTasks(t, target.user.id)).toBe(0);
  });

  it("names a JSON task by its index, with the create's rules (unknown fields, lengths, tags)", async () => {
    const target = await person();
    const file = JSON.stringify({
      format: "ownlist-tasks",
      version: 1,
      tasks: [
        { title: "ok" },
        { title: "x".repeat(201) },
        { title: "ok", colour: "red" },
        { title: "ok", tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
        "not a task",
      ],
    });
    const response = await importAs(target, file, "application/json", "?dry_run=true");
    expect(response.json()).toEqual({
      dry_run: true,
      added: 1,
      refused: [
        { index: 1, errors: [{ field: "title", message: "must be at most 200 characters" }] },
        { index: 2, errors: [{ field: "colour", message: "is not a writable field" }] },
        { index: 3, errors: [{ field: "tags", message: "must hold at most 10 distinct tags" }] },
        { index: 4, errors: [{ field: "body", message: "must be an object" }] },
      ],
    });
  });
});

describe("POST /api/{user_id}/import: bad files", () => {
  const invalid = async (body: string | Buffer, contentType: string, detail: RegExp) => {
    const target = await person();
    const response = await importAs(target, body, contentType);
    expect(response.statusCode, detail.source).toBe(422);
    expect(response.json(), detail.source).toMatchObject({
      type: "urn:ownlist:problem:invalid-file",
      detail: expect.stringMatching(detail),
    });
    expect(await countTasks(t, target.user.id)).toBe(0);
  };

  it("refuses a file that is not UTF-8", () =>
    invalid(
      Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xff, 0xfe, 0x0a]),
      "text/csv",
      /UTF-8/,
    ));
  it("refuses JSON that does not parse", () =>
    invalid("{not json", "application/json", /not valid JSON/));
  it("refuses JSON that is not an Ownlist export", () =>
    invalid(JSON.stringify([{ title: "x" }]), "application/json", /not an Ownlist export/));
  it("refuses another version", () =>
    invalid(
      JSON.stringify({ format: "ownlist-tasks", version: 2, tasks: [] }),
      "application/json",
      /version is 2.*reads version 1/,
    ));
  it("refuses CSV that does not parse", () =>
    invalid('title\n"unclosed', "text/csv", /not valid CSV/));
  it("refuses a CSV without a title column", () =>
    invalid("name\nx\n", "text/csv", /no "title" column/));
  it("refuses unknown columns, naming them", () =>
    invalid("title,colour\nx,red\n", "text/csv", /"colour"/));
  it("refuses an empty file", () => invalid("", "text/csv", /empty/));
  it("refuses a file with no task", () => invalid("title\r\n", "text/csv", /no tasks/));

  it("refuses another media type (415) and a missing body (400)", async () => {
    const target = await person();
    const xml = await importAs(target, "<tasks/>", "application/xml");
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ type: "urn:ownlist:problem:unsupported-media-type" });
    const none = await target.as({ method: "POST", url: `/api/${target.user.id}/import` });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ type: "urn:ownlist:problem:malformed-request" });
  });

  it("refuses a file over API_IMPORT_MAX_BYTES with 413 naming the limit, and allows more than the task routes' 64 KiB", async () => {
    const target = await person();
    const rows = Array.from({ length: 40 }, (_, i) => `Task ${i},${"d".repeat(2000)}`);
    const large = `title,description\n${rows.join("\n")}\n`; // ~80 KB: past 64 KiB, under 100,000
    expect(Buffer.byteLength(large)).toBeGreaterThan(65_536);
    expect((await importAs(target, large, "text/csv")).statusCode).toBe(201);
    const tooLarge = await importAs(await person(), "title\n" + "x\n".repeat(60_000), "text/csv");
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      type: "urn:ownlist:problem:payload-too-large",
      detail: "Request bodies are limited to 100000 bytes.",
    });
  });

  it("refuses more rows than anyone may own, and more than the room left (409 task-limit)", async () => {
    const target = await person();
    const tooMany = `title\n${"x\n".repeat(MAX_TASKS + 1)}`;
    const response = await importAs(target, tooMany, "text/csv");
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      type: "urn:ownlist:problem:task-limit",
      detail: expect.stringContaining(`more than ${MAX_TASKS}`),
    });
    expect(
      (await importAs(target, `title\n${"y\n".repeat(MAX_TASKS - 10)}`, "text/csv")).statusCode,
    ).toBe(201);
    const pastRoom = await importAs(
      target,
      `title\n${"z\n".repeat(11)}`,
      "text/csv",
      "?dry_run=true",
    );
    expect(pastRoom.statusCode).toBe(409);
    expect(pastRoom.json().detail).toContain("holds 11 tasks, and you have room for 10 more");
    expect((await importAs(target, `title\n${"z\n".repeat(11)}`, "text/csv")).statusCode).toBe(409);
    expect(await countTasks(t, target.user.id)).toBe(MAX_TASKS - 10);
  });
});

describe("POST /api/{user_id}/import: all or nothing, once", () => {
  it("rolls everything back when a row that passed the checks fails in the database", async () => {
    const target = await person();
    // A failure in the middle of the insert that no check foresees: a trigger on this person's
    // rows that refuses one title.
    await t.db.sql.unsafe(`
      create or replace function refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.title = 'poison' then raise exception 'injected failure'; end if;
        return new;
      end $$;
      create trigger refuse_poison before insert on tasks
        for each row when (new.user_id = '${target.user.id}') execute function refuse_poison();`);
    try {
      const response = await importAs(target, "title\nfirst\nsecond\npoison\nlast\n", "text/csv");
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ type: "urn:ownlist:problem:internal" });
      expect(await countTasks(t, target.user.id)).toBe(0);
      // Nothing was remembered either: the same file imports once the fault is gone.
      await t.db.sql`drop trigger refuse_poison on tasks`;
      const again = await importAs(target, "title\nfirst\nsecond\npoison\nlast\n", "text/csv");
      expect(again.statusCode).toBe(201);
      expect(await countTasks(t, target.user.id)).toBe(4);
    } finally {
      await t.db.sql`drop trigger if exists refuse_poison on tasks`;
    }
  });

  it("refuses the same file twice (409 already-imported), in a dry run too, and adds nothing", async () => {
    const target = await person();
    const file = await exportOf(source, "json");
    expect((await importAs(target, file, "application/json")).statusCode).toBe(201);
    for (const query of ["", "?dry_run=true"]) {
      const again = await importAs(target, file, "application/json", query);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        type: "urn:ownlist:problem:already-imported",
        detail: expect.stringMatching(/already imported at .*\(6 tasks\)/),
      });
    }
    expect(await countTasks(t, target.user.id)).toBe(TRICKY.length);
    // Someone else may import the same file.
    expect((await importAs(await person(), file, "application/json")).statusCode).toBe(201);
  });

  it("replays a keyed import's answer to its retry, adding nothing", async () => {
    const target = await person();
    const headers = { "idempotency-key": "import-1" };
    const first = await importAs(target, "title\nkeyed\n", "text/csv", "", headers);
    expect(first.statusCode).toBe(201);
    const retry = await importAs(target, "title\nkeyed\n", "text/csv", "", headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json()).toEqual(first.json());
    expect(await countTasks(t, target.user.id)).toBe(1);
  });

  it("dry run changes nothing and remembers nothing", async () => {
    const target = await person();
    const dry = await importAs(target, "title\nonce\n", "text/csv", "?dry_run=true");
    expect(dry.json()).toEqual({ dry_run: true, added: 1, refused: [] });

    expect(await countTasks(t, target.user.id)).toBe(0);
    expect((await importAs(target, "title\nonce\n", "text/csv")).statusCode).toBe(201);
  });

  it("is 403 on another person's path and writes nothing there", async () => {
    const victim = await person("Victim");
    const attacker = await person("Attacker");
    const response = await attacker.as({
      method: "POST",
      url: `/api/${victim.user.id}/import`,
      payload: "title\nplanted\n",
      headers: { "content-type": "text/csv" },
    });
    expect(response.statusCode).toBe(403);
    expect(await countTasks(t, victim.user.id)).toBe(0);
    expect(await countTasks(t, attacker.user.id)).toBe(0);
  });
});
