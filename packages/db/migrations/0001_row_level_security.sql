-- Row-level security on tasks: defence in depth behind the api's own `where user_id = …` filters
-- (docs/decisions/020-row-level-security-on-tasks.md). Hand-written: drizzle-kit cannot express
-- FORCE, role membership or an idempotent CREATE ROLE.
--
-- The api works as `ownlist_api`: no superuser, no BYPASSRLS, not the table's owner. Each of its
-- transactions takes that role and sets `app.user_id` (both transaction-local), and the policy
-- lets a row through only when its owner is that user. With `app.user_id` unset, no row passes.
-- Roles belong to the whole server, not to one database: create it only when it is missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ownlist_api') THEN
    CREATE ROLE ownlist_api NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;--> statement-breakpoint
-- The role that migrates is the role the api logs in as; it must be allowed to become ownlist_api.
GRANT ownlist_api TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ownlist_api;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE tasks TO ownlist_api;--> statement-breakpoint
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
-- FORCE: the table's owner is held to the policy too (superusers still are not).
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tasks_owner_only ON tasks
  USING (user_id = current_setting('app.user_id', true))
  WITH CHECK (user_id = current_setting('app.user_id', true));
