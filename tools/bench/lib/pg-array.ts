/**
 * A PostgreSQL text[] literal (`{"a","b"}`), to be cast with `::text[]`. postgres.js's
 * `sql.array` needs the server's array type map, which it only has after a connection's first
 * query, so a fresh pool can send the wrong type; Drizzle serialises arrays this way too.
 */
export function toTextArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}
