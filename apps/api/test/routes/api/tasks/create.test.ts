import { beforeAll, describe, expect, it } from "vitest";
import { build, fullTask } from "../../../helper.ts";
import { rowsOf, type TwoUsers, twoUsers } from "./two-users.ts";

const t = build();
let u: TwoUsers;
beforeAll(async () => {
  u = await twoUsers(t);
});

describe("POST /api/{user_id}/tasks", () => {
  it("creates a task with defaults and answers 201 with it and its Location", async () => {
    const response = await u.asAlice({
      method: "POST",
      url: `/api/${u.alice.id}/tasks`,
      payload: { title: "Buy milk" },
    });
    expect(response.statusCode).toBe(201);
    const task = response.json();
    expect(task).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      user_id: u.alice.id,
      title: "Buy milk",
      description: null,
      completed: false,
      priority: "medium",
      due_date: null,
      tags: [],
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: task.created_at,
      completed_at: null,
    });
    expect(response.headers.location).toBe(`/api/${u.alice.id}/tasks/${task.id}`);
    const read = await u.asAlice({ method: "GET", url: response.headers.location });
    expect(read.json()).toEqual(task);
  });

  it("stores every writable field and sets completed_at for a task created completed", async () => {
    const response = await u.asAlice({
      method: "POST",
      url: `/api/${u.alice.id}/tasks`,
      payload: fullTask({ completed: true, tags: ["home", "errands"] }),
    });
    expect(response.json()).toMatchObject({
      title: "Buy milk",
      description: "2 litres",
      completed: true,
      priority: "high",
      due_date: "2026-12-01",
      tags: ["home", "errands"],
      completed_at: response.json().created_at,
    });
  });

  it("gives distinct random (version 4) ids", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const response = await u.asAlice({
        method: "POST",
        url: `/api/${u.alice.id}/tasks`,
        payload: { title: `t${index}` },
      });
      ids.push(response.json().id);
    }
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id[14]).toBe("4");
  });

  it("answers 403 for another user's path and creates nothing for anyone", async () => {
    const bobsRows = await rowsOf(t, u.bob);
    const aliceBefore = await rowsOf(t, u.alice);
    const response = await u.asAlice({
      method: "POST",
      url: `/api/${u.bob.id}/tasks`,
      payload: { title: "Sneaky" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ status: 403, type: "urn:ownlist:problem:forbidden" });
    expect(await rowsOf(t, u.bob)).toEqual(bobsRows);
    expect(await rowsOf(t, u.alice)).toEqual(aliceBefore);
  });

  it("answers 403 before looking at the body", async () => {
    const response = await u.asAlice({
      method: "POST",
      url: `/api/${u.bob.id}/tasks`,
      payload: { title: 1 },
    });
    expect(response.statusCode).toBe(403);
  });
});
