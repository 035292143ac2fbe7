import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../../helper.ts";
import { expectSameAsMissing, rowsOf, type TwoUsers, twoUsers } from "./two-users.ts";

const t = build();
let u: TwoUsers;
beforeAll(async () => {
  u = await twoUsers(t);
});

describe("DELETE /api/{user_id}/tasks/{task_id}", () => {
  it("answers 204 with no body; the task is gone (404 after)", async () => {
    const created = await u.asAlice({
      method: "POST",
      url: `/api/${u.alice.id}/tasks`,
      payload: { title: "x" },
    });
    const url = created.headers.location as string;
    const response = await u.asAlice({ method: "DELETE", url });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect((await u.asAlice({ method: "GET", url })).statusCode).toBe(404);
    expect((await u.asAlice({ method: "DELETE", url })).statusCode).toBe(404);
  });

  it("answers another user's task exactly as a missing one (404), deleting nothing", async () => {
    const before = await rowsOf(t, u.bob);
    await expectSameAsMissing(u.asAlice, { method: "DELETE" }, u.alice.id, u.bobsTaskId);
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });

  it("answers 403 for another user's path, deleting nothing", async () => {
    const before = await rowsOf(t, u.bob);
    expect((await u.asAlice({ method: "DELETE", url: u.bobsTaskUrl })).statusCode).toBe(403);
    expect(await rowsOf(t, u.bob)).toEqual(before);
  });
});
