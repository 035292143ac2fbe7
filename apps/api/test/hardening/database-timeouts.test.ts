import { setTimeout as sleep } from "node:timers/promises";
import { PROBLEM_TYPES } from "@ownlist/contract";
import { parseApiConfig } from "@ownlist/config";
import { queryAsOwner } from "@ownlist/db";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiDb } from "../../src/database.ts";
import { toProblem } from "../../src/plugins/app/problems/to-problem.ts";
import { build, TEST_SECRET, type TestUser } from "../helper.ts";

/**
 * Issue 11, item 2: the api's database sessions carry `statement_timeout` and
 * `idle_in_transaction_session_timeout`, and a statement cut short answers a problem that says
 * so (503, Retry-After), never a hang or a 500. A test-only route runs a statement that outlasts
 * the configured timeout (pg_sleep) on the app's own pool, through the app's error handling; no
 * duration is asserted.
 */
const t = build({ API_DATABASE_STATEMENT_TIMEOUT_MS: "100" }, (app) => {
  app.get("/api/:user_id/slow", async (request) => {
    const { user_id } = request.params as { user_id: string };
    await queryAsOwner(t.apiDb.sql, user_id, (tx) => tx`select pg_sleep(5)`);
    return { finished: true };
  });
});
let alice: TestUser;

beforeAll(async () => {
  alice = await t.createUser("Alice");
});

describe("the api's database time limits", () => {
  it("are set on every connection of the api's pool", async () => {
    const [row] = await t.apiDb.sql<{ statement: string; idle: string }[]>`
      select current_setting('statement_timeout') as statement,
             current_setting('idle_in_transaction_session_timeout') as idle`;
    expect(row).toEqual({ statement: "100ms", idle: "10s" });
  });

  it("answer a statement cut by the statement timeout with 503, Retry-After and a problem", async () => {
    const response = await t.injectAs(alice)({ method: "GET", url: `/api/${alice.id}/slow` });
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(response.headers["retry-after"]).toBe("5");
    expect(response.json()).toEqual({
      type: PROBLEM_TYPES.unavailable,
      title: "Service Unavailable",
      status: 503,
      detail:
        "The database did not finish this request within the api's time limit. Retry shortly; a narrower search or filter needs less time.",
      request_id: response.headers["x-request-id"],
    });
    // Logged for the operator with its reason, not as an unexpected error (a 500).
    const logged = t.logs.filter((line) => line.request_id === response.headers["x-request-id"]);
    expect(logged.some((line) => line.reason === "database_timeout")).toBe(true);
    expect(logged.some((line) => line.msg === "unexpected error")).toBe(false);
  });

  it("leave the pool working after a statement was cut", async () => {
    const response = await t.injectAs(alice)({ method: "GET", url: `/api/${alice.id}/tasks` });
    expect(response.statusCode).toBe(200);
  });

  it("close a connection left idle in a transaction, and that answers 503 too", async () => {
    const config = parseApiConfig({
      BETTER_AUTH_SECRET: TEST_SECRET,
      API_DATABASE_URL: t.config.apiDatabaseUrl,
      API_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "100",
    });
    const db = createApiDb(config, { max: 1 });
    try {
      const error = await db.sql
        .begin(async (tx) => {
          await tx`select 1`;
          await sleep(500); // a transaction forgotten half-way
          await tx`select 1`;
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as { code?: string }).code).toMatch(/^(25P03|CONNECTION_CLOSED)$/);
      const problem = toProblem(error);
      expect(problem).toMatchObject({ status: 503, type: PROBLEM_TYPES.unavailable });
    } finally {
      await db.close();
    }
  });
});
