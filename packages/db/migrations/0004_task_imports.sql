CREATE TABLE "task_imports" (
	"user_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"task_count" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_imports_user_id_fingerprint_pk" PRIMARY KEY("user_id","fingerprint"),
	CONSTRAINT "task_imports_fingerprint_length" CHECK (char_length("task_imports"."fingerprint") = 64)
);
--> statement-breakpoint
ALTER TABLE "task_imports" ADD CONSTRAINT "task_imports_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written from here (drizzle-kit cannot express FORCE, grants or functions): the same wall
-- as on tasks (migration 0001). No UPDATE: a recorded import never changes; DELETE for the purge
-- of the owner's own expired records (docs/decisions/033-export-and-import.md).
GRANT SELECT, INSERT, DELETE ON TABLE task_imports TO ownlist_api;--> statement-breakpoint
ALTER TABLE task_imports ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE task_imports FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY task_imports_owner_only ON task_imports
  USING (user_id = current_setting('app.user_id', true))
  WITH CHECK (user_id = current_setting('app.user_id', true));--> statement-breakpoint
-- Whether the owner of the current scope (`app.user_id`) still has an account: a write that finds
-- no task asks it, so that a token whose person deleted their account gets 401, not 404
-- (docs/contract.md#writes). The api may read nothing of Better Auth's tables (decision 024):
-- this function, run with its owner's rights, answers one yes/no about the scope's own owner and
-- nothing else. search_path pinned: a SECURITY DEFINER function must not resolve names through
-- a schema its caller controls.
CREATE FUNCTION ownlist_owner_exists() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT EXISTS (SELECT 1 FROM public."user" WHERE id = current_setting('app.user_id', true)) $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION ownlist_owner_exists() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ownlist_owner_exists() TO ownlist_api;
