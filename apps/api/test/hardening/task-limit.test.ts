import { describe, expect, it } from "vitest";
import { build, countTasks } from "../helper.ts";

const t = build({ API_MAX_TASKS_PER_USER: "5" });

describe("maximum tasks per user", () => {
  it("refuses the create past the maximum with 409 and a clear message, even when racing", async () => {
    const user = await t.createUser();
    const inject = t.injectAs(user);
    const create = (i: number) =>
      inject({ method: "POST", url: `/api/${user.id}/tasks`, payload: { title: `task ${i}` } });
    // Twelve creates at once: without the per-owner lock several would see room for one more.
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => create(i)));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    const refused = responses.find((response) => response.statusCode === 409)!;
    expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      type: "urn:ownlist:problem:task-limit",
      detail: "You already have the maximum of 5 tasks. Delete some before adding more.",
    });
    const count = await countTasks(t, user.id);
    expect(count).toBe(5);
  });

  it("lets a user add again after deleting, and counts each user apart", async () => {
    const [user, other] = [await t.createUser(), await t.createUser()];
    const inject = t.injectAs(user);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await inject({
        method: "POST",
        url: `/api/${user.id}/tasks`,
        payload: { title: `task ${i}` },
      });
      ids.push(response.json<{ id: string }>().id);
    }
    const post = (as: typeof user) =>
      t.injectAs(as)({ method: "POST", url: `/api/${as.id}/tasks`, payload: { title: "x" } });
    expect((await post(user)).statusCode).toBe(409);
    expect((await post(other)).statusCode).toBe(201);
    await inject({ method: "DELETE", url: `/api/${user.id}/tasks/${ids[0]}` });
    expect((await post(user)).statusCode).toBe(201);
  });
});
