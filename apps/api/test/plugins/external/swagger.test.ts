import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { docsPolicyFor } from "../../../src/plugins/external/swagger.ts";
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
      ["/api/{user_id}/export", "get"],
      ["/api/{user_id}/import", "post"],
    ];
    for (const [path, method] of operations) {
      const operation = document.paths[path as string]?.[method as string];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect(operation.responses["401"].content["application/problem+json"]).toBeDefined();
    }
    expect(document.paths["/health"].get.security).toEqual([]);
    expect(document.paths["/ready"].get.security).toEqual([]);
    expect(document.paths["/openapi.json"]).toBeUndefined();
  });

  it("names every operation with the stable operationId that generated clients use", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const ids = Object.entries(document.paths as Record<string, Record<string, object>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(
          ([method, operation]) =>
            `${method} ${path} ${(operation as { operationId?: string }).operationId}`,
        ),
    );
    expect(ids.sort()).toEqual([
      "delete /api/{user_id}/tasks deleteCompletedTasks",
      "delete /api/{user_id}/tasks/{task_id} deleteTask",
      "get /api/{user_id}/export exportTasks",
      "get /api/{user_id}/tags listTags",
      "get /api/{user_id}/tasks listTasks",
      "get /api/{user_id}/tasks/{task_id} getTask",
      "get /health getHealth",
      "get /ready getReadiness",
      "patch /api/{user_id}/tasks/{task_id} updateTask",
      "patch /api/{user_id}/tasks/{task_id}/complete completeTask",
      "post /api/{user_id}/import importTasks",
      "post /api/{user_id}/tasks createTask",
      "post /api/{user_id}/tasks/complete completeTasks",
      "put /api/{user_id}/tasks/{task_id} replaceTask",
    ]);
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

describe("/openapi.json: the listing's query parameters", () => {
  it("carry no example value, which the api reference's test request would send as a filter", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const parameters = (
      document.paths["/api/{user_id}/tasks"].get.parameters as {
        in: string;
        name: string;
        example?: unknown;
        examples?: Record<string, { value?: unknown; "x-disabled"?: boolean }>;
        schema: { default?: unknown; example?: unknown; examples?: unknown };
      }[]
    ).filter((parameter) => parameter.in === "query");
    expect(parameters.map((parameter) => parameter.name)).toContain("due_before");
    for (const parameter of parameters) {
      expect(
        [
          parameter.example,
          parameter.schema.example,
          parameter.schema.examples,
          ...Object.values(parameter.examples ?? {}).map((example) => example.value),
        ],
        parameter.name,
      ).toEqual([
        undefined,
        undefined,
        undefined,
        ...Object.keys(parameter.examples ?? {}).map(() => undefined),
      ]);
    }
    // Without a default, an explorer would fill in the first enum value (priority=low,
    // order=asc): each such parameter is marked off in the request it prepares.
    const off = parameters
      .filter((parameter) => parameter.examples?.default?.["x-disabled"] === true)
      .map((parameter) => parameter.name);
    expect(off).toEqual(["q", "priority", "tag", "due_before", "due_after", "order"]);
    for (const parameter of parameters.filter((p) => !off.includes(p.name))) {
      expect(parameter.schema.default, parameter.name).toBeDefined();
    }
  });
});

describe("/openapi.json: error responses", () => {
  type Response = {
    headers?: Record<string, unknown>;
    content?: Record<string, { schema: { title?: string } }>;
  };
  type Operation = { responses: Record<string, Response> };
  const read = async () =>
    (await t.app.inject({ method: "GET", url: "/openapi.json" })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();

  /** Asserts `operation` documents `status` as a problem+json answer with `headers`. */
  function expectProblem(
    operation: Operation,
    status: string,
    name: string,
    headers: string[] = [],
  ) {
    const response = operation.responses[status];
    expect(response?.content?.["application/problem+json"]?.schema.title, `${name} ${status}`).toBe(
      "Problem",
    );
    for (const header of headers) {
      expect(response?.headers?.[header], `${name} ${status} ${header}`).toBeDefined();
    }
  }

  it("documents 401, 429 and 503 (with Retry-After) on every /api route", async () => {
    const { paths } = await read();
    const operations = Object.entries(paths)
      .filter(([path]) => path.startsWith("/api/"))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(
          ([method, operation]) => [`${method} ${path}`, operation] as const,
        ),
      );
    // All nine task routes, the tags route, export and import, so that a route missing from the
    // document cannot pass unseen.
    expect(operations).toHaveLength(12);
    for (const [name, operation] of operations) {
      expectProblem(operation, "401", name, ["WWW-Authenticate"]);
      expectProblem(operation, "429", name, ["Retry-After"]);
      expectProblem(operation, "503", name, ["Retry-After"]);
    }
  });

  it("documents 409 on create, and 413 and 415 on every route that reads a body", async () => {
    const { paths } = await read();
    const tasks = paths["/api/{user_id}/tasks"]!;
    const task = paths["/api/{user_id}/tasks/{task_id}"]!;
    expectProblem(tasks.post!, "409", "post tasks");
    const readers = {
      "post tasks": tasks.post!,
      "put task": task.put!,
      "patch task": task.patch!,
      "delete task": task.delete!,
      "patch complete": paths["/api/{user_id}/tasks/{task_id}/complete"]!.patch!,
    };
    for (const [name, operation] of Object.entries(readers)) {
      expectProblem(operation, "413", name);
      expectProblem(operation, "415", name);
    }
  });

  it("documents 503 with Retry-After on the service routes", async () => {
    const { paths } = await read();
    expectProblem(paths["/health"]!.get!, "503", "health", ["Retry-After"]);
    const ready = paths["/ready"]!.get!;
    expectProblem(ready, "503", "ready", ["Retry-After"]);
    expect(ready.responses["503"]?.content?.["application/json"]).toBeDefined();
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

  it("allows no inline script but its own, by hash: script-src has no 'unsafe-inline'", async () => {
    for (const url of ["/docs", "/docs/", "/docs/js/scalar.js"]) {
      const response = await t.app.inject({ method: "GET", url });
      const policy = String(response.headers["content-security-policy"]);
      const scriptSrc = policy.split(";").find((part) => part.trim().startsWith("script-src"));
      expect(scriptSrc, url).toBeDefined();
      expect(scriptSrc, url).not.toContain("'unsafe-inline'");
      expect(scriptSrc, url).not.toContain("'unsafe-eval'");
      expect(policy, url).toContain("frame-ancestors 'none'");
    }
    // The page's one inline script (its configuration) is allowed by its SHA-256, and only it.
    const page = await t.app.inject({ method: "GET", url: "/docs/" });
    const inline = [...page.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([^]*?)<\/script>/g)];
    expect(inline).toHaveLength(1);
    const hash = createHash("sha256")
      .update(inline[0]?.[1] ?? "")
      .digest("base64");
    const scriptSrc = String(page.headers["content-security-policy"])
      .split("; ")
      .find((part) => part.startsWith("script-src"));
    expect(scriptSrc).toBe(`script-src 'self' 'sha256-${hash}'`);
  });

  it("hashes every inline script of a page, whatever its attributes, and skips external ones", () => {
    const html =
      '<script src="a.js"></script><script>one()</script><script type="module">two()</script>';
    const sha = (body: string) => createHash("sha256").update(body).digest("base64");
    expect(docsPolicyFor(html)).toContain(
      `script-src 'self' 'sha256-${sha("one()")}' 'sha256-${sha("two()")}';`,
    );
  });
});
