import createClient from "openapi-fetch";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { format, resolveConfig } from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
import { build, listenOnFreePort, type TestUser } from "../../helper.ts";
import type { paths } from "./openapi-client.generated.ts";

/**
 * A client generated from the served document, used as it comes: types by openapi-typescript,
 * calls by openapi-fetch, over real HTTP to the api on a real database. The types live in
 * openapi-client.generated.ts so that `npm run typecheck` checks the calls below against them;
 * the first test regenerates them from /openapi.json and fails if the file is out of date
 * (`npx vitest run --project integration <this file> -u` rewrites it).
 */
const t = build();
const server = listenOnFreePort(t);
let user: TestUser;
beforeAll(async () => {
  user = await t.createUser("Client User");
});

const generatedTypes = new URL("./openapi-client.generated.ts", import.meta.url);

describe("a client generated from /openapi.json", () => {
  it("has types generated from the document the api serves now", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const source = COMMENT_HEADER + astToString(await openapiTS(document));
    const options = await resolveConfig(generatedTypes);
    const formatted = await format(source, { ...options, parser: "typescript" });
    await expect(formatted).toMatchFileSnapshot(generatedTypes.pathname);
  });

  it("creates, lists, updates, completes and deletes a task", async () => {
    const client = createClient<paths>({
      baseUrl: `http://127.0.0.1:${server.port}`,
      headers: { authorization: `Bearer ${t.tokenFor(user)}` },
    });
    const owner = { path: { user_id: user.id } };

    const created = await client.POST("/api/{user_id}/tasks", {
      params: owner,
      body: { title: "Written by a generated client", tags: ["openapi"] },
    });
    expect(created.response.status).toBe(201);
    const task = created.data!;
    expect(task).toMatchObject({ title: "Written by a generated client", completed: false });
    const taskPath = { path: { user_id: user.id, task_id: task.id } };

    const listed = await client.GET("/api/{user_id}/tasks", {
      params: { ...owner, query: { tag: "openapi" } },
    });
    expect(listed.response.status).toBe(200);
    expect(listed.data!.map((each) => each.id)).toEqual([task.id]);
    expect(listed.response.headers.get("x-total-count")).toBe("1");

    const updated = await client.PATCH("/api/{user_id}/tasks/{task_id}", {
      params: taskPath,
      body: { priority: "high" },
    });
    expect(updated.data).toMatchObject({ id: task.id, priority: "high" });

    const completed = await client.PATCH("/api/{user_id}/tasks/{task_id}/complete", {
      params: taskPath,
      body: { completed: true },
    });
    expect(completed.data).toMatchObject({ id: task.id, completed: true });

    const deleted = await client.DELETE("/api/{user_id}/tasks/{task_id}", { params: taskPath });
    expect(deleted.response.status).toBe(204);

    const gone = await client.GET("/api/{user_id}/tasks/{task_id}", { params: taskPath });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({ status: 404 });
  });
});
