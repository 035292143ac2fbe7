/**
 * How many api calls of this page are waiting to retry right now. The task page shows
 * "Reconnecting…" while it is above zero (docs/contract.md#retries-from-the-browser).
 * A store for React's useSyncExternalStore.
 */
let retrying = 0;
const listeners = new Set<() => void>();

/** Called by apiFetch (through withRetries' onRetrying) as a call starts and stops retrying. */
export function setRetrying(active: boolean): void {
  retrying = Math.max(0, retrying + (active ? 1 : -1));
  for (const listener of listeners) listener();
}

export function isReconnecting(): boolean {
  return retrying > 0;
}

export function subscribeConnectionStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
