import { AsyncLocalStorage } from "node:async_hooks";
import type { ServerResponse } from "node:http";

/**
 * A page that fails because the database is away answers 503, not 500
 * (docs/contract.md#web-while-the-database-is-away). Next.js's App Router has no way for a page
 * to choose its status (an error thrown while rendering answers 500 with app/error.tsx), so web's
 * own server (server.ts) runs each request in a context where the session lookup can record
 * that the database failed it, and turns that request's 500 into a 503 with Retry-After; the
 * body stays app/error.tsx's "unavailable, try again" page.
 *
 * A global symbol, not a module variable: server.ts loads this module from source while Next
 * bundles its own copy into the pages (as lib/server/server-entry.ts explains); globalThis is the
 * process's one.
 */
const STORAGE = Symbol.for("ownlist.web.page-outage");

/** Seconds a browser should wait before loading the page again. */
export const PAGE_RETRY_AFTER_SECONDS = "5";

interface PageRequest {
  databaseUnavailable: boolean;
}

function storage(): AsyncLocalStorage<PageRequest> {
  const slots = globalThis as Record<symbol, AsyncLocalStorage<PageRequest> | undefined>;
  return (slots[STORAGE] ??= new AsyncLocalStorage<PageRequest>());
}

/**
 * Runs `handle` (Next's request handler) so that a database failure recorded while it renders
 * turns the response's 500 into 503. Any status Next chose for another reason is left alone.
 */
export function handleWithPageOutage<T>(response: ServerResponse, handle: () => T): T {
  const state: PageRequest = { databaseUnavailable: false };
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  // Node writes implicit headers through writeHead too, so this sees every status sent.
  response.writeHead = (statusCode: number, ...rest: unknown[]) => {
    if (state.databaseUnavailable && statusCode === 500) {
      response.setHeader("retry-after", PAGE_RETRY_AFTER_SECONDS);
      response.setHeader("cache-control", "no-store");
      return writeHead(503, ...rest);
    }
    return writeHead(statusCode, ...rest);
  };
  return storage().run(state, handle);
}

/** Records that the database failed the current request (outside server.ts: does nothing). */
export function markDatabaseUnavailable(): void {
  const state = storage().getStore();
  if (state) state.databaseUnavailable = true;
}
