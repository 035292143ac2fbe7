import { expect } from "vitest";
import type { Inject, TestApp, TestUser } from "../../../helper.ts";

export interface TwoUsers {
  alice: TestUser;
  bob: TestUser;
  asAlice: Inject;
  asBob: Inject;
  /** Bob's task, which Alice must never see or touch. */
  bobsTaskUrl: string;
  bobsTaskId: string;
}

/** Alice and Bob, Bob with one task; call in beforeAll. */
export async function twoUsers(t: TestApp): Promise<TwoUsers> {
  const alice = await t.createUser("Alice");
  const bob = await t.createUser("Bob");
  const asBob = t.injectAs(bob);
  const created = await asBob({
    method: "POST",
    url: `/api/${bob.id}/tasks`,
    payload: { title: "Bob's secret", description: "private", tags: ["bob"], completed: true },
  });
  expect(created.statusCode).toBe(201);
  return {
    alice,
    bob,
    asAlice: t.injectAs(alice),
    asBob,
    bobsTaskUrl: created.headers.location as string,
    bobsTaskId: created.json().id,
  };
}

export const MISSING_TASK_ID = "6b1d2b3e-0000-4000-8000-000000000000";

/** Bob's rows exactly as stored, to prove a request as Alice changed nothing of his. */
export async function rowsOf(t: TestApp, user: TestUser): Promise<unknown[]> {
  return [...(await t.db.sql`select * from tasks where user_id = ${user.id} order by id`)];
}

/**
 * A task that belongs to someone else and a task that does not exist must be indistinguishable:
 * sent with the same X-Request-Id, the two answers are byte-identical (headers but Date too).
 */
export async function expectSameAsMissing(
  as: Inject,
  request: { method: "GET" | "PUT" | "PATCH" | "DELETE"; suffix?: string; payload?: object },
  ownerId: string,
  othersTaskId: string,
): Promise<void> {
  const headers = { "x-request-id": "same-404" };
  const send = (taskId: string) =>
    as({
      method: request.method,
      url: `/api/${ownerId}/tasks/${taskId}${request.suffix ?? ""}`,
      payload: request.payload,
      headers,
    });
  const others = await send(othersTaskId);
  const missing = await send(MISSING_TASK_ID);
  const notUuid = await send("not-a-uuid");
  expect(others.statusCode).toBe(404);
  expect(others.json()).toMatchObject({ status: 404, type: "urn:ownlist:problem:not-found" });
  for (const other of [missing, notUuid]) {
    expect(other.statusCode).toBe(404);
    expect(others.body).toBe(other.body);
    const { date: _a, ...othersHeaders } = others.headers;
    const { date: _b, ...otherHeaders } = other.headers;
    expect(othersHeaders).toEqual(otherHeaders);
  }
}
