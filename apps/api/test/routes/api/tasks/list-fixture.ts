import type { TestApp, TestUser } from "../../../helper.ts";

/**
 * A fixed data set for the listing tests: creation and update times are set explicitly so that
 * every order is known in advance; c and d share created_at (a tie broken by id).
 */
export const FIXTURE = {
  a: {
    title: "Buy milk",
    description: "2 litres",
    completed: false,
    priority: "medium",
    due: "2026-12-01",
    tags: ["home"],
    created: 1,
    updated: 10,
  },
  b: {
    title: "apple pie",
    description: null,
    completed: true,
    priority: "high",
    due: null,
    tags: ["Home", "baking"],
    created: 2,
    updated: 2,
  },
  c: {
    title: "Call Bob",
    description: "about the ÉCOLE trip",
    completed: false,
    priority: "low",
    due: "2026-11-30",
    tags: ["work"],
    created: 3,
    updated: 3,
  },
  d: {
    title: "Écrire rapport",
    description: "100% done_soon",
    completed: false,
    priority: "high",
    due: "2026-12-01",
    tags: ["work", "urgent"],
    created: 3,
    updated: 8,
  },
  e: {
    title: "zebra",
    description: null,
    completed: true,
    priority: "low",
    due: "2027-01-15",
    tags: [],
    created: 5,
    updated: 5,
  },
  f: {
    title: "Buy milk",
    description: null,
    completed: false,
    priority: "medium",
    due: null,
    tags: [],
    created: 6,
    updated: 6,
  },
} as const;

export type FixtureKey = keyof typeof FIXTURE;

/** Ids chosen so that c < d (the tie on created_at breaks by id). */
const ID: Record<FixtureKey, string> = {
  a: "00000000-0000-4000-8000-00000000000a",
  b: "00000000-0000-4000-8000-00000000000b",
  c: "00000000-0000-4000-8000-00000000000c",
  d: "00000000-0000-4000-8000-00000000000d",
  e: "00000000-0000-4000-8000-00000000000e",
  f: "00000000-0000-4000-8000-00000000000f",
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();

/** Inserts the data set for `owner`, and decoys for `other` that match every filter. */
export async function seedFixture(
  t: TestApp,
  owner: TestUser,
  other: TestUser,
): Promise<Map<string, FixtureKey>> {
  for (const [key, task] of Object.entries(FIXTURE) as [
    FixtureKey,
    (typeof FIXTURE)[FixtureKey],
  ][]) {
    await t.db.sql`
      insert into tasks (id, user_id, title, description, completed, priority, due_date, tags, created_at, updated_at, completed_at)
      values (${ID[key]}, ${owner.id}, ${task.title}, ${task.description}, ${task.completed}, ${task.priority},
              ${task.due}, ${task.tags}::text[], ${at(task.created)}, ${at(task.updated)},
              ${task.completed ? at(task.updated) : null})`;
    await t.db.sql`
      insert into tasks (user_id, title, description, completed, priority, due_date, tags, completed_at)
      values (${other.id}, ${task.title}, ${task.description}, ${task.completed}, ${task.priority},
              ${task.due}, ${task.tags}::text[], ${task.completed ? at(0) : null})`;
  }
  return new Map(Object.entries(ID).map(([key, id]) => [id, key as FixtureKey]));
}
