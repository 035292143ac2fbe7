import { describe, expect, it } from "vitest";
import { build } from "../../helper.ts";

const t = build();

describe("/openapi.json", () => {
  it("is an OpenAPI 3.1 document, served without a token, with a bearer scheme on every task route", async () => {
    const response = await t.app.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    const operations = [
      ["/api/{user_id}/tasks", "get"],
      ["/api/{user_id}/tasks", "post"],
      ["/api/{user_id}/tasks/{task_id}", "get"],
      ["/api/{user_id}/tasks/{task_id}", "put"],
      ["/api/{user_id}/tasks/{task_id}", "patch"],
      ["/api/{user_id}/tasks/{task_id}", "delete"],
      ["/api/{user_id}/tasks/{task_id}/complete", "patch"],
    ];
    for (const [path, method] of operations) {
      const operation = document.paths[path as string]?.[method as string];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect(operation.responses["401"].content["application/problem+json"]).toBeDefined();
    }
    expect(document.paths["/health"].get).toBeDefined();
    expect(document.paths["/ready"].get).toBeDefined();
    expect(document.paths["/openapi.json"]).toBeUndefined();
  });

  it("documents the task, its limits and the listing parameters from the contract", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const listing = document.paths["/api/{user_id}/tasks"].get;
    const names = listing.parameters.map((parameter: { name: string }) => parameter.name);
    for (const name of [
      "status",
      "q",
      "priority",
      "tag",
      "due_before",
      "due_after",
      "sort",
      "order",
      "limit",
      "offset",
    ]) {
      expect(names).toContain(name);
    }
    const created =
      document.paths["/api/{user_id}/tasks"].post.responses["201"].content["application/json"]
        .schema;
    expect(created.properties.title).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(created.properties.tags).toMatchObject({ maxItems: 10 });
  });
});

describe("/docs", () => {
  it("serves Scalar's interactive reference without a token, pointed at /openapi.json", async () => {
    const redirect = await t.app.inject({ method: "GET", url: "/docs" });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe("/docs/");
    const page = await t.app.inject({ method: "GET", url: "/docs/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('"url": "/openapi.json"');
    expect(page.body).toContain("bearerAuth");
    const script = await t.app.inject({ method: "GET", url: "/docs/js/scalar.js" });
    expect(script.statusCode).toBe(200);
  });
});
