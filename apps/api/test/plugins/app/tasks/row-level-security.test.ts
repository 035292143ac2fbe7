import { API_DATABASE_ROLE, createPool, queryAsOwner, transactionAsOwner } from "@ownlist/db";
import { beforeAll, describe, expect, it } from "vitest";
import { build, countTasks, fullTask, type TestUser } from "../../../helper.ts";

/**
 * The second wall behind the repository's own `user_id` filters (issue 6, item 5): queries that
 * forget the owner, sent through the data layer's `queryAsOwner` as A, must not reach B's rows.
 * `t.db` logs in as the embedded server's superuser (the owner's DATABASE_URL), so these tests
 * also prove that the per-transaction role switch takes the superuser's bypass away. The api
 * itself logs in with less (least-privilege.test.ts).
 */
const t = build();
let alice: TestUser;
let bob: TestUser;

/** What a forgetful query sees: every task row visible in `ownerId`'s scope. */
const visibleTo = (ownerId: string) =>
  queryAsOwner(
    t.db.sql,
    ownerId,
    (tx) => tx<{ id: string; user_id: string }[]>`
    select id, user_id from tasks`,
  );

beforeAll(async () => {
  alice = await t.createUser("Alice");
  bob = await t.createUser("Bob");
  for (const [user, count] of [
    [alice, 2],
    [bob, 3],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const response = await t.injectAs(user)({
        method: "POST",
        url: `/api/${user.id}/tasks`,
        payload: fullTask({ title: `${user.name} ${i}` }),
      });
      expect(response.statusCode).toBe(201);
    }
  }
});

describe("row-level security on tasks", () => {
  it("lets an unfiltered select as A see only A's rows, while B's are there", async () => {
    const rows = await visibleTo(alice.id);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set([alice.id]));
    const inSteps = await transactionAsOwner(t.db.sql, alice.id, async (tx) => {
      await tx`select pg_advisory_xact_lock(1)`;
      return tx<{ user_id: string }[]>`select user_id from tasks`;
    });
    expect(inSteps.map((row) => row.user_id)).toEqual([alice.id, alice.id]);
    // Without the scope (superuser, no role switch) B's rows are there to be leaked.
    expect(await countTasks(t, bob.id)).toBe(3);
  });

  it("lets an unfiltered update or delete as A touch only A's rows", async () => {
    const updated = await queryAsOwner(
      t.db.sql,
      alice.id,
      (tx) => tx<{ user_id: string }[]>`
      update tasks set title = 'overwritten' returning user_id`,
    );
    expect(updated.map((row) => row.user_id)).toEqual([alice.id, alice.id]);

    const deleted = await queryAsOwner(
      t.db.sql,
      alice.id,
      (tx) => tx`delete from tasks where true`,
    );
    expect(deleted.count).toBe(2);

    const bobsTitles = await t.db.sql<{ title: string }[]>`
      select title from tasks where user_id = ${bob.id} order by title`;
    expect(bobsTitles.map((row) => row.title)).toEqual(["Bob 0", "Bob 1", "Bob 2"]);
  });

  it("refuses to write a row for B, or to hand A's row to B, as A", async () => {
    await expect(
      queryAsOwner(
        t.db.sql,
        alice.id,
        (tx) => tx`
        insert into tasks (user_id, title) values (${bob.id}, 'planted')`,
      ),
    ).rejects.toMatchObject({ code: "42501" });

    await queryAsOwner(
      t.db.sql,
      alice.id,
      (tx) => tx`
      insert into tasks (user_id, title) values (${alice.id}, 'mine')`,
    );
    await expect(
      queryAsOwner(t.db.sql, alice.id, (tx) => tx`update tasks set user_id = ${bob.id}`),
    ).rejects.toMatchObject({ code: "42501" });
    expect(await countTasks(t, bob.id)).toBe(3);
    expect(await countTasks(t, alice.id)).toBe(1);
  });

  it("shows nothing to the api's role when no owner is set", async () => {
    const rows = await t.db.sql.begin(async (tx) => {
      await tx`select set_config('role', ${API_DATABASE_ROLE}, true)`;
      return tx`select id from tasks`;
    });
    expect(rows).toHaveLength(0);
  });

  it("leaves neither the role, the owner nor a transaction on a pooled connection", async () => {
    // One connection, so every query below reuses the scopes' connection.
    const single = createPool(t.config.databaseUrl!, { max: 1 });
    const session = async () => {
      const [row] = await single.sql<{ role: string; owner: string | null }[]>`
        select current_user as role, current_setting('app.user_id', true) as owner`;
      // SAVEPOINT succeeds only inside a transaction block: one left open would be shared.
      const open = await single.sql`savepoint probe`.then(
        () => true,
        () => false,
      );
      return { role: row!.role, owner: row?.owner ?? "", open };
    };
    try {
      const before = await session();
      expect(before.role).not.toBe(API_DATABASE_ROLE);
      expect(before).toEqual({ role: before.role, owner: "", open: false });

      const [inside] = await queryAsOwner(
        single.sql,
        alice.id,
        (tx) =>
          tx<
            { role: string; owner: string }[]
          >`select current_user as role, current_setting('app.user_id', true) as owner`,
      );
      expect(inside).toEqual({ role: API_DATABASE_ROLE, owner: alice.id });
      expect(await session()).toEqual(before);

      // A failing single statement (sent in one round trip with begin and commit)...
      await expect(
        queryAsOwner(
          single.sql,
          alice.id,
          (tx) => tx`
          insert into tasks (user_id, title) values (${bob.id}, 'planted')`,
        ),
      ).rejects.toMatchObject({ code: "42501" });
      expect(await session()).toEqual(before);

      // ...and work of several statements that fails half-way both roll back completely.
      await expect(
        transactionAsOwner(single.sql, alice.id, async (tx) => {
          await tx`insert into tasks (user_id, title) values (${alice.id}, 'half-way')`;
          throw new Error("interrupted");
        }),
      ).rejects.toThrow("interrupted");
      expect(await session()).toEqual(before);
      const [halfWay] = await single.sql<{ count: number }[]>`
        select count(*)::int as count from tasks where title = 'half-way'`;
      expect(halfWay?.count).toBe(0);
    } finally {
      await single.close();
    }
  });

  it("keeps the api's role unprivileged and the policy forced on the table's owner", async () => {
    const [role] = await t.db.sql<
      { rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }[]
    >`
      select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ${API_DATABASE_ROLE}`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const [table] = await t.db.sql<{ enabled: boolean; forced: boolean; owner: string }[]>`
      select relrowsecurity as enabled, relforcerowsecurity as forced,
             pg_get_userbyid(relowner) as owner
      from pg_class where oid = 'tasks'::regclass`;
    expect(table).toMatchObject({ enabled: true, forced: true });
    expect(table?.owner).not.toBe(API_DATABASE_ROLE);
  });
});
