import { beforeAll, describe, expect, it } from "vitest";
import { build, fullTask } from "../../../helper.ts";
import { expectSameAsMissing, rowsOf, type TwoUsers, twoUsers } from "./two-users.ts";

const t = build();
let u: TwoUsers;
beforeAll(async () => {
  u = await twoUsers(t);
});

async function createFull(overrides: Record<string, unknown> = {}) {
  const response = await u.asAlice({
    method: "POST",
    url: `/api/${u.alice.id}/tasks`,
    payload: fullTask(overrides),
  });
  return { url: response.headers.location as string, task: response.json() };
}

describe("PUT /api/{user_id}/tasks/{task_id}", () => {
  it("replaces the task: every omitted writable field goes back to its default", async () => {
    const { url, task } = await createFull({ completed: true });
    const response = await u.asAlice({
      method: "PUT",
      url,
      payload: { title: "  Only a title  " },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: task.id,
      user_id: u.alice.id,
      title: "Only a title",
      description: null,
      completed: false,
      priority: "medium",
      due_date: null,
      tags: [],
      completed_at: null,
      created_at: task.created_at,
    });
    expect(response.json().updated_at >= task.updated_at).toBe(true);
  });

  it("sets every field given, and completed_at when the task becomes completed", async () => {
    const { url } = await createFull();
    const body = fullTask({
      title: "New",
      description: "d",
      completed: true,
      priority: "low",
      due_date: "2027-01-01",
      tags: ["x"],
    });
    const response = await u.asAlice({ method: "PUT", url, payload: body });
    const { id: _id, ...fields } = { id: 0, ...body };
    expect(response.json()).toMatchObject(fields);
    expect(response.json().completed_at).toEqual(expect.any(String));
  });

  it("keeps completed_at when completed is put to the value it already has", async () => {
    const { url, task } = await createFull({ completed: true });
    const response = await u.asAlice({
      method: "PUT",
      url,
      payload: { title: "Still done", completed: true },
    });
    expect(response.json().completed_at).toBe(task.completed_at);
  });

  it("answers another user's task exactly as a missing one (404), changing nothing", async () => {
    const before = await rowsOf(t, u.bob);
    await expectSameAsMissing(
      u.asAlice,
      { method: "PUT", payload: { title: "Mine now" } },
      u.alice.id,
      u.bobsTaskId,
    );
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });

  it("answers 403 for another user's path, changing nothing", async () => {
    const before = await rowsOf(t, u.bob);
    const response = await u.asAlice({
      method: "PUT",
      url: u.bobsTaskUrl,
      payload: { title: "Mine now" },
    });
    expect(response.statusCode).toBe(403);
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });
});
