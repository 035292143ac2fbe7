import { describe, expect, it } from "vitest";
import {
  displayedCounts,
  initialListState,
  type ListAction,
  listReducer,
  type ListState,
  listStateFromFirstPage,
  nextOffset,
  visibleTasks,
} from "../../lib/tasks/list-state.ts";
import { DEFAULT_QUERY, type TaskQuery } from "../../lib/tasks/query.ts";
import { aTask } from "./fixtures.ts";

function run(query: TaskQuery, ...actions: ListAction[]): ListState {
  return actions.reduce(listReducer, initialListState(query));
}

const loaded = (query: TaskQuery, tasks = [aTask(), aTask()], hasMore = false) =>
  run(
    query,
    { type: "load/start", query, requestId: 1 },
    { type: "load/success", requestId: 1, page: { tasks, total: tasks.length, hasMore } },
    { type: "counts/loaded", counts: { pending: 5, completed: 3 } },
  );

describe("task list state", () => {
  it("starts ready from a first page rendered on the server, as a first load that succeeded", () => {
    const tasks = [aTask(), aTask()];
    const page = { tasks, total: 7, hasMore: true };
    const counts = { pending: 5, completed: 2 };
    const state = listStateFromFirstPage(DEFAULT_QUERY, page, counts);
    expect(state).toEqual(
      run(
        DEFAULT_QUERY,
        { type: "load/success", requestId: 0, page },
        { type: "counts/loaded", counts },
      ),
    );
    expect(state.phase).toBe("ready");
    expect(state.items).toEqual(tasks);
    expect(nextOffset(state)).toBe(2);
  });

  it("ignores answers to a request that is no longer the latest", () => {
    const state = run(
      DEFAULT_QUERY,
      { type: "load/start", query: DEFAULT_QUERY, requestId: 1 },
      { type: "load/start", query: { ...DEFAULT_QUERY, status: "pending" }, requestId: 2 },
      { type: "load/success", requestId: 1, page: { tasks: [aTask()], total: 1, hasMore: false } },
    );
    expect(state.phase).toBe("loading");
    expect(state.items).toEqual([]);
    expect(state.query.status).toBe("pending");
  });

  it("appends later pages without duplicates", () => {
    const [a, b, c] = [aTask(), aTask(), aTask()];
    const state = run(
      DEFAULT_QUERY,
      { type: "load/start", query: DEFAULT_QUERY, requestId: 1 },
      { type: "load/success", requestId: 1, page: { tasks: [a, b], total: 3, hasMore: true } },
      { type: "more/start", requestId: 1 },
      { type: "more/success", requestId: 1, page: { tasks: [b, c], total: 3, hasMore: false } },
    );
    expect(state.items.map((task) => task.id)).toEqual([a.id, b.id, c.id]);
    expect(state.hasMore).toBe(false);
    expect(state.loadingMore).toBe(false);
  });

  it("puts a new task first under the default sort, and skips it when the filter excludes it", () => {
    const query = { ...DEFAULT_QUERY };
    const before = loaded(query);
    const fresh = aTask({ title: "new" }); // created after the loaded ones
    const state = listReducer(before, { type: "task/insert", task: fresh });
    expect(state.items[0]?.title).toBe("new");
    expect(state.total).toBe(3);
    expect(state.counts).toEqual({ pending: 6, completed: 3 });
    const completedView = loaded({ ...DEFAULT_QUERY, status: "completed" });
    const skipped = listReducer(completedView, { type: "task/insert", task: fresh });
    expect(skipped.items).toHaveLength(2);
    expect(skipped.counts).toEqual({ pending: 6, completed: 3 });
    const rolledBack = listReducer(state, { type: "task/remove", task: fresh });
    expect(rolledBack.items).toHaveLength(2);
    expect(rolledBack.counts).toEqual({ pending: 5, completed: 3 });
  });

  it("moves a task between the counts when its completion changes", () => {
    const task = aTask();
    const state = listReducer(loaded(DEFAULT_QUERY, [task]), {
      type: "task/update",
      task: { ...task, completed: true },
    });
    expect(state.counts).toEqual({ pending: 4, completed: 4 });
    const edited = listReducer(state, {
      type: "task/update",
      task: { ...task, completed: true, title: "x" },
    });
    expect(edited.counts).toEqual({ pending: 4, completed: 4 });
  });

  it("hides a task while it can be undone, and counts it as gone", () => {
    const [a, b] = [aTask(), aTask({ completed: true })];
    const hidden = listReducer(loaded(DEFAULT_QUERY, [a, b]), { type: "hide", tasks: [b] });
    expect(visibleTasks(hidden).map((task) => task.id)).toEqual([a.id]);
    expect(displayedCounts(hidden)).toEqual({ pending: 5, completed: 2 });
    const undone = listReducer(hidden, { type: "unhide", ids: [b.id] });
    expect(visibleTasks(undone)).toHaveLength(2);
    expect(displayedCounts(undone)).toEqual({ pending: 5, completed: 3 });
  });

  it("removes deleted tasks and lowers the counts once", () => {
    const [a, b] = [aTask(), aTask({ completed: true })];
    let state = listReducer(loaded(DEFAULT_QUERY, [a, b]), { type: "hide", tasks: [b] });
    state = listReducer(state, { type: "deleted", ids: [b.id] });
    expect(state.items.map((task) => task.id)).toEqual([a.id]);
    expect(state.hidden).toEqual({});
    expect(displayedCounts(state)).toEqual({ pending: 5, completed: 2 });
    expect(state.total).toBe(1);
  });

  it("subtracts unloaded completed tasks being cleared", () => {
    const state = listReducer(loaded(DEFAULT_QUERY), {
      type: "hide",
      tasks: [],
      unloadedCompleted: 3,
    });
    expect(displayedCounts(state)).toEqual({ pending: 5, completed: 0 });
  });

  it("filters completed tasks out of the pending view at once, and offsets past them", () => {
    const query = { ...DEFAULT_QUERY, status: "pending" as const };
    const [a, b] = [aTask(), aTask()];
    const state = listReducer(loaded(query, [a, b], true), {
      type: "task/update",
      task: { ...a, completed: true },
    });
    expect(visibleTasks(state).map((task) => task.id)).toEqual([b.id]);
    expect(nextOffset(state)).toBe(1);
  });

  it("does not count tasks still being created in the offset", () => {
    const state = listReducer(loaded(DEFAULT_QUERY), {
      type: "task/insert",
      task: aTask({ id: "temp-1" }),
    });
    expect(nextOffset(state)).toBe(2);
    expect(visibleTasks(state)).toHaveLength(3);
  });
});

describe("task list state while the first page loads", () => {
  it("keeps a task created during the load when the answer predates it", () => {
    const older = aTask();
    const fresh = aTask({ id: "temp-9", title: "typed fast" });
    const saved = { ...fresh, id: "00000000-0000-4000-8000-00000000ffff" };
    const state = run(
      DEFAULT_QUERY,
      { type: "load/start", query: DEFAULT_QUERY, requestId: 1 },
      { type: "task/insert", task: fresh },
      { type: "task/replace-id", fromId: fresh.id, task: saved },
      { type: "load/success", requestId: 1, page: { tasks: [older], total: 1, hasMore: false } },
    );
    expect(state.items.map((task) => task.title)).toEqual(["typed fast", older.title]);
    expect(state.total).toBe(2);
  });

  it("does not duplicate it when the answer already has it", () => {
    const fresh = aTask({ title: "typed fast" });
    const state = run(
      DEFAULT_QUERY,
      { type: "load/start", query: DEFAULT_QUERY, requestId: 1 },
      { type: "task/insert", task: fresh },
      { type: "load/success", requestId: 1, page: { tasks: [fresh], total: 1, hasMore: false } },
    );
    expect(state.items).toHaveLength(1);
  });
});
