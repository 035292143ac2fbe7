import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EMPTY_DRAFT } from "../../lib/tasks/draft.ts";

/** A `localStorage` of the page, as the draft store sees it through `window`. */
function fakeStorage(): Storage {
  const items = new Map<string, string>();
  const storage = {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key: string) => items.get(key) ?? null,
    key: (index: number) => [...items.keys()][index] ?? null,
    removeItem: (key: string) => void items.delete(key),
    setItem: (key: string, value: string) => void items.set(key, String(value)),
  };
  // Object.keys(localStorage) lists the stored keys, as in a browser.
  return new Proxy(storage, {
    ownKeys: () => [...items.keys()],
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === "string" && items.has(key)
        ? { enumerable: true, configurable: true, value: items.get(key) }
        : undefined,
  });
}

describe("the draft store on sign-out", () => {
  let localStorage: Storage;
  beforeEach(() => {
    vi.resetModules(); // a fresh page: its sign-out state starts unset
    localStorage = fakeStorage();
    vi.stubGlobal("window", { localStorage });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("keeps nothing a form saves after sign-out, on the page's way out", async () => {
    const { forgetDrafts, loadDrafts, saveDraft } = await import("../../lib/tasks/draft-store.ts");
    const typed = { ...EMPTY_DRAFT, title: "Private thought" };
    saveDraft("ann", "add", typed);
    expect(loadDrafts("ann").add).toEqual(typed);

    forgetDrafts();
    expect(Object.keys(localStorage)).toEqual([]);
    // The add form renders once more before the page leaves, and saves on every render.
    saveDraft("ann", "add", typed);
    expect(Object.keys(localStorage)).toEqual([]);
  });
});
