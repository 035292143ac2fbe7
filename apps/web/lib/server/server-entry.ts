/**
 * Proof that web was started through apps/web/server.ts, which sets the client address Better
 * Auth's limits count (client-address.ts, docs/decisions/006). server.ts marks the process before
 * it loads Next; instrumentation.ts refuses to run without the mark, so a bare `next start` or
 * `next dev` — which would believe a forged X-Forwarded-For — stops at once.
 *
 * A global symbol, not a module variable: Next bundles instrumentation.ts separately, so it would
 * see its own copy of this module's variables, while globalThis is the process's one.
 */
const SERVER_ENTRY = Symbol.for("ownlist.web.server-entry");

type ServerMode = "dev" | "production";

/** `dev`: server.ts runs Next's development server (`--dev`), whose tooling the CSP must allow. */
export function markServerEntry(mode: ServerMode): void {
  (globalThis as Record<symbol, unknown>)[SERVER_ENTRY] = mode;
}

export function startedThroughServerEntry(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_ENTRY] !== undefined;
}

/**
 * True when server.ts runs Next's development server. What the Content-Security-Policy relaxes
 * for is that server's tooling, not a NODE_ENV value: a production build stays strict whatever
 * the environment says.
 */
export function runsDevServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_ENTRY] === "dev";
}

/** The one line a bare `next start` / `next dev` prints before it exits 1. */
export const BARE_NEXT_REFUSAL =
  "web: refusing to start without apps/web/server.ts (it sets the client address the sign-in limits count); use `npm start -w apps/web` or `npm run dev -w apps/web`, not `next start` or `next dev`";
