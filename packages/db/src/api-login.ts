import postgres from "postgres";

/**
 * The api's database login (migration 0002): NOINHERIT, a member of `ownlist_api` and nothing
 * else, so it reaches `tasks` only inside an owner scope and Better Auth's tables never
 * (docs/decisions/024-api-database-login-least-privilege.md).
 */
export const API_LOGIN_ROLE = "ownlist_api_login";

/**
 * Lets API_LOGIN_ROLE log in with `password` (the migration creates it without either) and
 * returns `ownerUrl` with that login's credentials instead of the owner's: the api's
 * API_DATABASE_URL. Run after the migrations, as a role allowed to alter roles (the embedded
 * server's superuser). Idempotent: a second run sets the same password again.
 */
export async function enableApiLogin(ownerUrl: string, password: string): Promise<string> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
  try {
    // ALTER ROLE takes no bind parameters: PostgreSQL's own format() quotes the name and password.
    const [row] = await sql<{ statement: string }[]>`
      select format('alter role %I with login password %L', ${API_LOGIN_ROLE}::text,
                    ${password}::text) as statement`;
    await sql.unsafe(row!.statement);
  } finally {
    await sql.end();
  }
  return apiLoginUrl(ownerUrl, password);
}

/** `url` (any database of the server) with API_LOGIN_ROLE's credentials. */
export function apiLoginUrl(url: string, password: string): string {
  const api = new URL(url);
  api.username = API_LOGIN_ROLE;
  api.password = encodeURIComponent(password);
  return api.toString();
}
