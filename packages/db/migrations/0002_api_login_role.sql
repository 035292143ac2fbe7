-- The api's own database login (docs/decisions/024-api-database-login-least-privilege.md).
-- Hand-written: drizzle-kit cannot express roles or their membership.
--
-- `ownlist_api_login` may do one thing: become `ownlist_api` (migration 0001) inside a
-- transaction, where row-level security shows it one owner's tasks. NOINHERIT: it does not hold
-- ownlist_api's privileges until it takes that role, so outside an owner scope it can read no
-- table at all; and nothing is granted to it on Better Auth's tables (user, account, session,
-- verification, rateLimit), neither directly nor through ownlist_api.
--
-- Created NOLOGIN and without a password, so that no one can log in as it until its password is
-- set by whoever runs the database: `npm start` does it for the embedded one (the password kept
-- in .data/pg.api-password); the README gives the SQL for your own PostgreSQL. Roles belong to
-- the whole server, not to one database: create it only when it is missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ownlist_api_login') THEN
    CREATE ROLE ownlist_api_login NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE
      NOREPLICATION NOBYPASSRLS;
  END IF;
END
$$;--> statement-breakpoint
GRANT ownlist_api TO ownlist_api_login;
