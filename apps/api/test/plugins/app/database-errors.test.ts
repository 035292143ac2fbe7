import { PROBLEM_TYPES } from "@ownlist/contract";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { toProblem } from "../../../src/plugins/app/problems/to-problem.ts";

/**
 * What the database's transient failures answer (docs/contract.md#database): 503 with
 * Retry-After, never a 500. The errors are built as postgres.js hands them on; the outage and
 * concurrency tests meet them only under load, and not deterministically.
 */
describe("a database failure the request did not cause", () => {
  it("answers 503 with Retry-After for EPIPE, the socket error of a pipeline sent to a PostgreSQL that has just stopped", () => {
    // As logged by the outage test (issue 13): postgres.js passes the socket's error on unchanged.
    const epipe = Object.assign(new Error("write EPIPE"), {
      errno: -32,
      code: "EPIPE",
      syscall: "write",
    });
    expect(toProblem(epipe)).toMatchObject({
      status: 503,
      type: PROBLEM_TYPES.unavailable,
      reason: "database_unavailable",
      headers: { "retry-after": "5" },
    });
  });

  it.each(["ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "ENOTFOUND", "EAI_AGAIN"])(
    "answers 503 with Retry-After for %s: the database's host or network is away",
    (code) => {
      const error = Object.assign(new Error(code), { code, syscall: "connect" });
      expect(toProblem(error)).toMatchObject({
        status: 503,
        reason: "database_unavailable",
        headers: { "retry-after": "5" },
      });
    },
  );

  it.each([
    ["40P01", "deadlock detected"],
    ["40001", "could not serialize access due to concurrent update"],
    ["55P03", "could not obtain lock on row"],
  ])(
    "answers 503 with Retry-After when PostgreSQL rolls a transaction back for another (%s)",
    (code, message) => {
      const error = new postgres.PostgresError({ severity: "ERROR", code, message } as never);
      const problem = toProblem(error);
      expect(problem).toMatchObject({
        status: 503,
        type: PROBLEM_TYPES.unavailable,
        reason: "database_conflict",
        headers: { "retry-after": "5" },
      });
      expect(problem?.detail).not.toContain(message);
    },
  );

  it("still answers 500 (undefined here) for an error nobody expected", () => {
    expect(toProblem(new postgres.PostgresError({ code: "42P01" } as never))).toBeUndefined();
    expect(toProblem(new Error("boom"))).toBeUndefined();
  });
});
