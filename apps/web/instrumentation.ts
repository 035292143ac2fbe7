import { BARE_NEXT_REFUSAL, startedThroughServerEntry } from "./lib/server/server-entry.ts";

/**
 * Next runs this once per server process before it serves anything (for `next start`, `next dev`
 * and a custom server's `app.prepare()` alike). Web must run inside server.ts; anything else is
 * refused with one line and exit code 1 (lib/server/server-entry.ts).
 */
export function register(): void {
  // The edge runtime has no process to stop and never handles sign-in; nothing here runs there.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (startedThroughServerEntry()) return;
  console.error(BARE_NEXT_REFUSAL);
  process.exit(1);
}
