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

describe("PATCH /api/{user_id}/tasks/{task_id}", () => {
  it("with {} changes nothing, updated_at included, and returns the task", async () => {
    const { url, task } = await createFull();
    const response = await u.asAlice({ method: "PATCH", url, payload: {} });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(task);
  });

  it("changes only the fields present", async () => {
    const { url, task } = await createFull();
    const response = await u.asAlice({
      method: "PATCH",
      url,
      payload: { title: " Renamed ", tags: ["a", "A", "b"] },
    });
    expect(response.json()).toEqual({
      ...task,
      title: "Renamed",
      tags: ["a", "b"],
      updated_at: expect.any(String),
    });
  });

  it("clears description and due_date with null", async () => {
    const { url } = await createFull();
    const response = await u.asAlice({
      method: "PATCH",
      url,
      payload: { description: null, due_date: null },
    });
    expect(response.json()).toMatchObject({ description: null, due_date: null, title: "Buy milk" });
  });

  it("sets completed_at on completion, keeps it when completed again, clears it on reopening", async () => {
    const { url } = await createFull();
    const done = (await u.asAlice({ method: "PATCH", url, payload: { completed: true } })).json();
    expect(done.completed_at).toEqual(expect.any(String));
    const again = (
      await u.asAlice({ method: "PATCH", url, payload: { completed: true, title: "x" } })
    ).json();
    expect(again.completed_at).toBe(done.completed_at);
    const reopened = (
      await u.asAlice({ method: "PATCH", url, payload: { completed: false } })
    ).json();
    expect(reopened.completed_at).toBeNull();
    const stillOpen = (
      await u.asAlice({ method: "PATCH", url, payload: { completed: false } })
    ).json();
    expect(stillOpen.completed_at).toBeNull();
  });

  it("keeps completed_at when other fields change", async () => {
    const { url, task } = await createFull({ completed: true });
    const response = await u.asAlice({ method: "PATCH", url, payload: { priority: "low" } });
    expect(response.json().completed_at).toBe(task.completed_at);
  });

  it("answers another user's task exactly as a missing one (404), changing nothing", async () => {
    const before = await rowsOf(t, u.bob);
    await expectSameAsMissing(
      u.asAlice,
      { method: "PATCH", payload: { title: "x" } },
      u.alice.id,
      u.bobsTaskId,
    );
    await expectSameAsMissing(
      u.asAlice,
      { method: "PATCH", payload: {} },
      u.alice.id,
      u.bobsTaskId,
    );
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });

  it("answers 403 for another user's path, changing nothing", async () => {
    const before = await rowsOf(t, u.bob);
    const response = await u.asAlice({
      method: "PATCH",
      url: u.bobsTaskUrl,
      payload: { completed: false },
    });
    expect(response.statusCode).toBe(403);
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });
});
