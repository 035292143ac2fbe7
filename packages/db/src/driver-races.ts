/**
 * postgres.js 3.4.9 schedules a buffered write with setImmediate; when PostgreSQL drops the
 * connection first (a restart, an outage), the scheduled write runs on a socket that is already
 * null and throws an uncaught TypeError from `nextWrite` (node_modules/postgres/src/connection.js).
 * The connection is dead either way and the query has already failed with a proper error, so
 * this one exception is harmless; everything else must still crash. The database-outage test
 * hits it now and then.
 */
export function isPostgresWriteAfterCloseRace(error: unknown): boolean {
  if (!(error instanceof Error) && !(error && typeof error === "object")) return false;
  const { message, stack } = error as { message?: unknown; stack?: unknown };
  return (
    message === "Cannot read properties of null (reading 'write')" &&
    typeof stack === "string" &&
    stack.includes("nextWrite") &&
    stack.includes("postgres/src/connection.js")
  );
}
