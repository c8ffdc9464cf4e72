CREATE TABLE "retention_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"kind_key" text NOT NULL,
	"action" text NOT NULL,
	"records" integer NOT NULL,
	"started_by" date NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	CONSTRAINT "retention_actions_action_check" CHECK ("retention_actions"."action" in ('deleted', 'anonymised'))
);
--> statement-breakpoint
CREATE TABLE "retention_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind_key" text,
	"record_id" uuid,
	"person_id" uuid,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"placed_by" uuid,
	"placed_at" timestamp with time zone NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone,
	CONSTRAINT "retention_holds_target_check" CHECK (("retention_holds"."kind_key" is not null and "retention_holds"."record_id" is not null and "retention_holds"."person_id" is null)
          or ("retention_holds"."person_id" is not null and "retention_holds"."kind_key" is null and "retention_holds"."record_id" is null))
);
--> statement-breakpoint
CREATE TABLE "retention_periods" (
	"kind_key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"unit" text NOT NULL,
	"updated_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_periods_unit_check" CHECK ("retention_periods"."unit" in ('months', 'days')),
	CONSTRAINT "retention_periods_count_check" CHECK ("retention_periods"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "retention_warnings" (
	"kind_key" text NOT NULL,
	"record_id" uuid NOT NULL,
	"warned_on" date NOT NULL,
	CONSTRAINT "retention_warnings_kind_key_record_id_pk" PRIMARY KEY("kind_key","record_id")
);
--> statement-breakpoint
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_periods" ADD CONSTRAINT "retention_periods_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retention_actions_done_idx" ON "retention_actions" USING btree ("done_at");--> statement-breakpoint
CREATE INDEX "retention_holds_active_idx" ON "retention_holds" USING btree ("kind_key","record_id") WHERE "retention_holds"."lifted_at" is null;