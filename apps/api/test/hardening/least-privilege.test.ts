import { randomUUID } from "node:crypto";
import { API_DATABASE_ROLE, API_LOGIN_ROLE, queryAsOwner } from "@ownlist/db";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type TestUser } from "../helper.ts";

/**
 * Issue 11, item 7: the api logs in as API_LOGIN_ROLE (migration 0002), which can reach `tasks`
 * only by becoming `ownlist_api` inside an owner scope, and Better Auth's tables never. Everything
 * here runs on the app's own pool (`t.apiDb`, the one createApp was given, from API_DATABASE_URL
 * exactly as in production): handing the api the owner's login again fails these tests.
 */
const t = build();
const PERMISSION_DENIED = "42501";
/** Better Auth's tables: password hashes (account), session tokens (session), and the rest. */
const BETTER_AUTH_TABLES = ["user", "account", "session", "verification", "rate_limit"];

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  [alice, bob] = [await t.createUser("Alice"), await t.createUser("Bob")];
  // Something worth stealing, written as the owner (Better Auth's role).
  await t.db.sql`
    insert into account (id, account_id, provider_id, user_id, password, created_at, updated_at)
    values (${randomUUID()}, ${alice.id}, 'credential', ${alice.id}, 'scrypt-hash', now(), now())`;
  await t.db.sql`
    insert into session (id, token, user_id, expires_at, created_at, updated_at)
    values (${randomUUID()}, ${randomUUID()}, ${alice.id}, now() + interval '1 day', now(), now())`;
  await t.db.sql`
    insert into tasks (user_id, title) values (${alice.id}, 'alice 1'), (${bob.id}, 'bob 1')`;
});

describe("the api's database login", () => {
  it("is the api's own role, not the owner's", async () => {
    const [row] = await t.apiDb.sql<{ user: string; session: string }[]>`
      select current_user as user, session_user as session`;
    expect(row).toEqual({ user: API_LOGIN_ROLE, session: API_LOGIN_ROLE });
    expect(t.apiDb.sql.options.user).not.toBe(t.db.sql.options.user);
  });

  it.each(BETTER_AUTH_TABLES)("is refused (42501) on select from %s", async (table) => {
    await expect(t.apiDb.sql`select * from ${t.apiDb.sql(table)} limit 1`).rejects.toMatchObject({
      code: PERMISSION_DENIED,
    });
  });

  it.each(BETTER_AUTH_TABLES)("is refused on %s inside an owner scope too", async (table) => {
    await expect(
      queryAsOwner(t.apiDb.sql, alice.id, (tx) => tx`select * from ${tx(table)} limit 1`),
    ).rejects.toMatchObject({ code: PERMISSION_DENIED });
  });

  it("holds no privilege on any table but tasks, idempotency_keys and task_imports, and there only as ownlist_api", async () => {
    // Every table of the database, so that a table added later is covered without a new test.
    const rows = await t.db.sql<{ name: string; login: boolean; api: boolean }[]>`
      select format('%I.%I', schemaname, tablename) as name,
             has_table_privilege(${API_LOGIN_ROLE}, format('%I.%I', schemaname, tablename),
               'select, insert, update, delete, truncate, references, trigger') as login,
             has_table_privilege(${API_DATABASE_ROLE}, format('%I.%I', schemaname, tablename),
               'select, insert, update, delete, truncate, references, trigger') as api
      from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`;
    expect(rows.length).toBeGreaterThan(BETTER_AUTH_TABLES.length);
    expect(rows.filter((row) => row.login)).toEqual([]);
    expect(
      rows
        .filter((row) => row.api)
        .map((row) => row.name)
        .sort(),
    ).toEqual(["public.idempotency_keys", "public.task_imports", "public.tasks"]);
    // A stored answer never changes (docs/contract.md#idempotency-key): no UPDATE, no TRUNCATE.
    const [keys] = await t.db.sql<{ update: boolean; truncate: boolean }[]>`
      select has_table_privilege(${API_DATABASE_ROLE}, 'idempotency_keys', 'update') as update,
             has_table_privilege(${API_DATABASE_ROLE}, 'idempotency_keys', 'truncate') as truncate`;
    expect(keys).toEqual({ update: false, truncate: false });
    // A recorded import never changes either (docs/contract.md#import).
    const [imports] = await t.db.sql<{ update: boolean; truncate: boolean }[]>`
      select has_table_privilege(${API_DATABASE_ROLE}, 'task_imports', 'update') as update,
             has_table_privilege(${API_DATABASE_ROLE}, 'task_imports', 'truncate') as truncate`;
    expect(imports).toEqual({ update: false, truncate: false });
  });

  it("reaches recorded imports only through the owner scope, and there only the owner's", async () => {
    const print = (c: string) => c.repeat(64);
    await t.db.sql`
      insert into task_imports (user_id, fingerprint, task_count)
      values (${alice.id}, ${print("a")}, 1), (${bob.id}, ${print("b")}, 1)`;
    await expect(t.apiDb.sql`select fingerprint from task_imports`).rejects.toMatchObject({
      code: PERMISSION_DENIED,
    });
    const scoped = await queryAsOwner(
      t.apiDb.sql,
      alice.id,
      (tx) => tx<{ fingerprint: string }[]>`select fingerprint from task_imports`,
    );
    expect(scoped.map((row) => row.fingerprint)).toEqual([print("a")]);
    await expect(
      queryAsOwner(
        t.apiDb.sql,
        alice.id,
        (tx) => tx`
          insert into task_imports (user_id, fingerprint, task_count)
          values (${bob.id}, ${print("c")}, 1)`,
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("asks whether an owner exists only about the scope's own owner, and only as ownlist_api", async () => {
    await expect(t.apiDb.sql`select ownlist_owner_exists()`).rejects.toMatchObject({
      code: PERMISSION_DENIED,
    });
    const ask = (ownerId: string) =>
      queryAsOwner(
        t.apiDb.sql,
        ownerId,
        (tx) => tx<{ exists: boolean }[]>`
        select ownlist_owner_exists() as exists`,
      );
    expect((await ask(alice.id))[0]?.exists).toBe(true);
    expect((await ask("no-such-user"))[0]?.exists).toBe(false);
  });

  it("reaches idempotency keys only through the owner scope, and there only the owner's", async () => {
    await t.db.sql`
      insert into idempotency_keys (user_id, key, fingerprint, status, body, location)
      values (${alice.id}, 'shared', 'a', 201, '{}', null), (${bob.id}, 'shared', 'b', 201, '{}', null)`;
    await expect(t.apiDb.sql`select key from idempotency_keys`).rejects.toMatchObject({
      code: PERMISSION_DENIED,
    });
    const scoped = await queryAsOwner(
      t.apiDb.sql,
      alice.id,
      (tx) => tx<{ fingerprint: string }[]>`select fingerprint from idempotency_keys`,
    );
    expect(scoped.map((row) => row.fingerprint)).toEqual(["a"]);
    // Row-level security refuses a row written for another owner, whatever the SQL says.
    await expect(
      queryAsOwner(
        t.apiDb.sql,
        alice.id,
        (tx) => tx`
          insert into idempotency_keys (user_id, key, fingerprint, status)
          values (${bob.id}, 'forged', 'x', 201)`,
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("reaches tasks only through the owner scope, and there only the owner's", async () => {
    await expect(t.apiDb.sql`select id from tasks`).rejects.toMatchObject({
      code: PERMISSION_DENIED,
    });
    await expect(
      t.apiDb.sql`insert into tasks (user_id, title) values (${alice.id}, 'unscoped')`,
    ).rejects.toMatchObject({ code: PERMISSION_DENIED });
    const scoped = await queryAsOwner(
      t.apiDb.sql,
      alice.id,
      (tx) => tx<{ title: string }[]>`select title from tasks order by title`,
    );
    expect(scoped.map((row) => row.title)).toEqual(["alice 1"]);
  });

  it("can neither grant itself more nor become anyone but ownlist_api", async () => {
    const [role] = await t.db.sql`
      select rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls
      from pg_roles where rolname = ${API_LOGIN_ROLE}`;
    expect(role).toEqual({
      rolsuper: false,
      rolinherit: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolreplication: false,
      rolbypassrls: false,
    });
    const memberOf = await t.db.sql<{ role: string }[]>`
      select granted.rolname as role
      from pg_auth_members m
      join pg_roles granted on granted.oid = m.roleid
      join pg_roles member on member.oid = m.member
      where member.rolname = ${API_LOGIN_ROLE}`;
    expect(memberOf.map((row) => row.role)).toEqual([API_DATABASE_ROLE]);
    await expect(
      t.apiDb.sql`set role ${t.apiDb.sql(String(t.db.sql.options.user))}`,
    ).rejects.toMatchObject({
      code: PERMISSION_DENIED,
    });
  });

  it("serves the api's task routes all the same", async () => {
    const response = await t.injectAs(alice)({ method: "GET", url: `/api/${alice.id}/tasks` });
    expect(response.statusCode).toBe(200);
    expect(response.json().map((task: { title: string }) => task.title)).toEqual(["alice 1"]);
  });
});
