import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../../helper.ts";
import { expectSameAsMissing, type TwoUsers, twoUsers } from "./two-users.ts";

const t = build();
let u: TwoUsers;
let aliceTaskUrl: string;
beforeAll(async () => {
  u = await twoUsers(t);
  const created = await u.asAlice({
    method: "POST",
    url: `/api/${u.alice.id}/tasks`,
    payload: { title: "Mine" },
  });
  aliceTaskUrl = created.headers.location as string;
});

describe("GET /api/{user_id}/tasks/{task_id}", () => {
  it("answers 200 with the owner's task", async () => {
    const response = await u.asAlice({ method: "GET", url: aliceTaskUrl });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ title: "Mine", user_id: u.alice.id });
  });

  it("accepts the task id in upper case", async () => {
    const response = await u.asAlice({
      method: "GET",
      url: aliceTaskUrl.replace(/[^/]+$/, (id) => id.toUpperCase()),
    });
    expect(response.statusCode).toBe(200);
  });

  it("answers another user's task exactly as a missing one (404)", async () => {
    await expectSameAsMissing(u.asAlice, { method: "GET" }, u.alice.id, u.bobsTaskId);
  });

  it("answers 403 for another user's path, even with that user's own task id", async () => {
    const response = await u.asAlice({ method: "GET", url: u.bobsTaskUrl });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain("secret");
  });
});
