import { queryAsOwner } from "@ownlist/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleTokenRequest } from "../../lib/token/handle-token-request.ts";
import {
  type AuthHarness,
  createAuthHarness,
  newPerson,
  sessionCookieOf,
  WEB_ORIGIN,
} from "../support/auth-harness.ts";

/**
 * Issue 14: the account page's Better Auth rules (docs/contract.md#account-page), through
 * Better Auth's HTTP handler as web configures it (create-auth.ts).
 */
const MAX_WRONG = 3;
let harness: AuthHarness;
beforeAll(async () => {
  harness = await createAuthHarness({
    AUTH_FAILED_SIGN_IN_MAX: String(MAX_WRONG),
    AUTH_FAILED_SIGN_IN_WINDOW_SECONDS: "900",
  });
});
afterAll(async () => {
  await harness?.close();
});

async function signIn(email: string, password: string) {
  const response = await harness.post("/sign-in/email", { email, password });
  return response.status === 200 ? sessionCookieOf(response) : response;
}

const sessionOf = (cookie: string) =>
  harness.auth.api.getSession({ headers: new Headers({ cookie }) });

function requestToken(cookie: string): Promise<Response> {
  return handleTokenRequest(
    {
      getSession: (headers) => harness.auth.api.getSession({ headers }),
      tokenSettings: harness.config.token,
      countTokenRequest: harness.countTokenRequest,
    },
    new Request(`${WEB_ORIGIN}/api/token`, { headers: { cookie } }),
  );
}

async function rowsOf(userId: string) {
  const { sql } = harness.db;
  const [counts] = await sql<{ users: number; sessions: number; accounts: number }[]>`
    select (select count(*)::int from "user" where id = ${userId}) as users,
           (select count(*)::int from session where user_id = ${userId}) as sessions,
           (select count(*)::int from account where user_id = ${userId}) as accounts`;
  // Tasks are behind row-level security: count them as their owner, as the api would.
  const tasks = await queryAsOwner(
    sql,
    userId,
    (tx) => tx<{ count: number }[]>`select count(*)::int as count from tasks`,
  );
  return { ...counts, tasks: tasks[0]?.count };
}

describe("listing sessions", () => {
  it("lists every session of a person signed in more than a day ago (no freshness wall)", async () => {
    const person = newPerson();
    const { id, cookie } = await harness.signUp(person);
    const second = await signIn(person.email, person.password);
    expect(typeof second).toBe("string");
    await harness.db
      .sql`update session set created_at = now() - interval '3 days' where user_id = ${id}`;
    const response = await harness.get("/list-sessions", { cookie });
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(2);
  });
});

describe("changing the password", () => {
  it("ends every other session at once: the token route refuses them", async () => {
    const person = newPerson();
    const { cookie } = await harness.signUp(person);
    const other = (await signIn(person.email, person.password)) as string;
    expect((await requestToken(other)).status).toBe(200);

    const changed = await harness.post(
      "/change-password",
      {
        currentPassword: person.password,
        newPassword: "a new long secret",
        revokeOtherSessions: true,
      },
      { cookie },
    );
    expect(changed.status).toBe(200);
    expect(await sessionOf(other)).toBeNull();
    expect((await requestToken(other)).status).toBe(401);
    // The page's own browser gets a new session in the answer.
    expect(await sessionOf(sessionCookieOf(changed))).not.toBeNull();
    expect(await signIn(person.email, person.password)).toMatchObject({ status: 401 });
    expect(typeof (await signIn(person.email, "a new long secret"))).toBe("string");
  });

  it("refuses a change that would keep the other sessions", async () => {
    const person = newPerson();
    const { cookie } = await harness.signUp(person);
    const response = await harness.post(
      "/change-password",
      { currentPassword: person.password, newPassword: "a new long secret" },
      { cookie },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "REVOKE_OTHER_SESSIONS_REQUIRED" });
    expect(typeof (await signIn(person.email, person.password))).toBe("string");
  });

  it("holds the new password to the sign-up policy, common passwords included", async () => {
    const person = newPerson();
    const { cookie } = await harness.signUp(person);
    const response = await harness.post(
      "/change-password",
      { currentPassword: person.password, newPassword: "password123", revokeOtherSessions: true },
      { cookie },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "PASSWORD_TOO_COMMON" });
  });

  it(`limits wrong current passwords per person: the ${MAX_WRONG + 1}th try gets 429`, async () => {
    const person = newPerson();
    const { cookie } = await harness.signUp(person);
    const attempt = (currentPassword: string, ip: string) =>
      harness.post(
        "/change-password",
        { currentPassword, newPassword: "a new long secret", revokeOtherSessions: true },
        { cookie, ip },
      );
    for (let tried = 1; tried <= MAX_WRONG; tried++) {
      const wrong = await attempt("not my password", `198.51.100.${tried}`);
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });
    }
    const limited = await attempt(person.password, "198.51.100.99");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: "TOO_MANY_FAILED_PASSWORD_CHECKS" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(typeof (await signIn(person.email, person.password))).toBe("string");
  });
});

describe("deleting the account", () => {
  it("asks for the password: none or a wrong one deletes nothing", async () => {
    const person = newPerson();
    const { id, cookie } = await harness.signUp(person);
    const none = await harness.post("/delete-user", {}, { cookie });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ code: "PASSWORD_REQUIRED" });
    const wrong = await harness.post("/delete-user", { password: "not my password" }, { cookie });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });
    expect(await rowsOf(id)).toMatchObject({ users: 1, sessions: 1, accounts: 1 });
  });

  it("removes the person, sessions, account and tasks; sign-in then fails like an unknown email", async () => {
    const person = newPerson();
    const { id, cookie } = await harness.signUp(person);
    const other = (await signIn(person.email, person.password)) as string;
    await queryAsOwner(
      harness.db.sql,
      id,
      (tx) => tx`insert into tasks (user_id, title) values (${id}, 'one'), (${id}, 'two')`,
    );
    expect(await rowsOf(id)).toEqual({ users: 1, sessions: 2, accounts: 1, tasks: 2 });

    const deleted = await harness.post("/delete-user", { password: person.password }, { cookie });
    expect(deleted.status).toBe(200);
    expect(await rowsOf(id)).toEqual({ users: 0, sessions: 0, accounts: 0, tasks: 0 });
    expect(await sessionOf(cookie)).toBeNull();
    expect(await sessionOf(other)).toBeNull();
    expect((await requestToken(cookie)).status).toBe(401);

    const known = await signIn(person.email, person.password);
    const unknown = await signIn(newPerson().email, person.password);
    expect(known).toMatchObject({ status: 401 });
    expect(unknown).toMatchObject({ status: 401 });
    expect(await (known as Response).json()).toEqual(await (unknown as Response).json());
  });
});
