import type { TaskDraft } from "./draft.ts";

/**
 * What a person has typed and not yet saved, kept in this browser's `localStorage` as they type
 * (decision 035): it survives a failed save, a reload, a crashed or closed tab and a trip to
 * sign-in after the session expired, and never leaves the browser. Keyed by the person, so that
 * someone else signing in here never sees it; removed on sign-out (`forgetDrafts`), for every
 * tab of the browser at once.
 */
export interface StoredDrafts {
  /** The add form. */
  add?: TaskDraft;
  /** The open editor: which task, and its fields as typed. */
  edit?: { id: string; draft: TaskDraft };
}

const PREFIX = "ownlist:drafts:";

/**
 * Set by `forgetDrafts`: this page is signing out and about to leave. A form that renders once
 * more on its way out (its effects save on every render) must not write the draft back.
 */
let forgotten = false;

/** Storage can be missing (a server render) or refuse (quota, privacy settings): drafts are a bonus. */
function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function loadDrafts(userId: string): StoredDrafts {
  try {
    const raw = storage()?.getItem(PREFIX + userId);
    return raw ? (JSON.parse(raw) as StoredDrafts) : {};
  } catch {
    return {};
  }
}

/** Sets one part (`undefined` removes it); the whole entry goes when nothing is left. */
export function saveDraft<K extends keyof StoredDrafts>(
  userId: string,
  part: K,
  value: StoredDrafts[K] | undefined,
): void {
  const store = storage();
  if (!store || forgotten) return;
  const next: StoredDrafts = { ...loadDrafts(userId), [part]: value };
  if (value === undefined) delete next[part];
  try {
    if (Object.keys(next).length === 0) store.removeItem(PREFIX + userId);
    else store.setItem(PREFIX + userId, JSON.stringify(next));
  } catch {
    // Full or refused: the draft still lives in the page.
  }
}

/** Sign-out (any path): every person's drafts in this browser are gone, and this page keeps no more. */
export function forgetDrafts(): void {
  forgotten = true;
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}

/** A draft with nothing typed in it is not worth keeping. */
export function isBlankDraft(draft: TaskDraft): boolean {
  return (
    draft.title.trim() === "" &&
    draft.description.trim() === "" &&
    draft.tags.trim() === "" &&
    draft.dueDate === "" &&
    draft.priority === "medium"
  );
}
