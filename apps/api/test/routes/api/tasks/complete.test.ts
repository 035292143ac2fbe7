import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../../helper.ts";
import { expectSameAsMissing, rowsOf, type TwoUsers, twoUsers } from "./two-users.ts";

const t = build();
let u: TwoUsers;
beforeAll(async () => {
  u = await twoUsers(t);
});

async function newTaskUrl(completed = false): Promise<string> {
  const created = await u.asAlice({
    method: "POST",
    url: `/api/${u.alice.id}/tasks`,
    payload: { title: "x", completed },
  });
  return `${created.headers.location}/complete`;
}

describe("PATCH /api/{user_id}/tasks/{task_id}/complete", () => {
  it("toggles with no body at all: completes (completed_at set), then reopens (cleared)", async () => {
    const url = await newTaskUrl();
    const done = await u.asAlice({ method: "PATCH", url });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ completed: true, completed_at: expect.any(String) });
    const reopened = await u.asAlice({ method: "PATCH", url });
    expect(reopened.json()).toMatchObject({ completed: false, completed_at: null });
  });

  it("toggles with {}", async () => {
    const url = await newTaskUrl(true);
    expect((await u.asAlice({ method: "PATCH", url, payload: {} })).json().completed).toBe(false);
  });

  it("toggles with an empty body sent as application/json (no body is no body)", async () => {
    const url = await newTaskUrl();
    const response = await u.asAlice({
      method: "PATCH",
      url,
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().completed).toBe(true);
  });

  it('sets the state with {"completed": bool}, keeping completed_at when it does not change', async () => {
    const url = await newTaskUrl();
    const done = (await u.asAlice({ method: "PATCH", url, payload: { completed: true } })).json();
    expect(done.completed).toBe(true);
    const again = (await u.asAlice({ method: "PATCH", url, payload: { completed: true } })).json();
    expect(again).toMatchObject({ completed: true, completed_at: done.completed_at });
    const open = (await u.asAlice({ method: "PATCH", url, payload: { completed: false } })).json();
    expect(open).toMatchObject({ completed: false, completed_at: null });
    const stillOpen = (
      await u.asAlice({ method: "PATCH", url, payload: { completed: false } })
    ).json();
    expect(stillOpen).toMatchObject({ completed: false, completed_at: null });
  });

  it("answers another user's task exactly as a missing one (404), changing nothing", async () => {
    const before = await rowsOf(t, u.bob);
    await expectSameAsMissing(
      u.asAlice,
      { method: "PATCH", suffix: "/complete" },
      u.alice.id,
      u.bobsTaskId,
    );
    await expectSameAsMissing(
      u.asAlice,
      { method: "PATCH", suffix: "/complete", payload: { completed: false } },
      u.alice.id,
      u.bobsTaskId,
    );
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });

  it("answers 403 for another user's path, changing nothing", async () => {
    const before = await rowsOf(t, u.bob);
    expect(
      (await u.asAlice({ method: "PATCH", url: `${u.bobsTaskUrl}/complete` })).statusCode,
    ).toBe(403);
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });
});
