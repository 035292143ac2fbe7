/**
 * Messages between the tabs of this browser that show Ownlist to the same person
 * (docs/contract.md#tabs-states-and-text-on-the-task-page): a sign-out in one tab signs every tab
 * out, and a change in one tab makes the others refetch. BroadcastChannel reaches every
 * same-origin tab of the browser profile and nothing else; a browser without it gets neither
 * message (each tab then learns on its next call or when it regains focus).
 */

export type TabMessage = { type: "signed-out" } | { type: "tasks-changed"; userId: string };

const CHANNEL_NAME = "ownlist";

let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL_NAME) : null;
  }
  return channel;
}

/** Tells the other tabs (never this one: a channel does not hear its own messages). */
export function postTabMessage(message: TabMessage): void {
  getChannel()?.postMessage(message);
}

/** Calls `listener` with each message another tab posts; returns the unsubscribe. */
export function onTabMessage(listener: (message: TabMessage) => void): () => void {
  const current = getChannel();
  if (!current) return () => {};
  const handler = (event: MessageEvent<unknown>) => {
    if (isTabMessage(event.data)) listener(event.data);
  };
  current.addEventListener("message", handler);
  return () => current.removeEventListener("message", handler);
}

function isTabMessage(data: unknown): data is TabMessage {
  if (typeof data !== "object" || data === null) return false;
  const { type } = data as { type?: unknown };
  if (type === "signed-out") return true;
  return type === "tasks-changed" && typeof (data as { userId?: unknown }).userId === "string";
}

type Fetcher<A extends unknown[]> = (
  path: string,
  init?: RequestInit,
  ...rest: A
) => Promise<Response>;

/**
 * `apiFetch` that tells the other tabs when one of this person's writes succeeded, so they
 * refetch instead of showing the list as it was.
 */
export function notifyingWrites<A extends unknown[]>(fetcher: Fetcher<A>, userId: string) {
  return async (path: string, init?: RequestInit, ...rest: A): Promise<Response> => {
    const response = await fetcher(path, init, ...rest);
    const method = (init?.method ?? "GET").toUpperCase();
    if (response.ok && method !== "GET" && method !== "HEAD") {
      postTabMessage({ type: "tasks-changed", userId });
    }
    return response;
  };
}
