ALTER TYPE "public"."role" ADD VALUE 'scheme_manager' BEFORE 'administrator';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'panel_coordinator' BEFORE 'administrator';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'custody_inspector' BEFORE 'administrator';--> statement-breakpoint
ALTER TYPE "public"."scope_type" ADD VALUE 'panel';--> statement-breakpoint
ALTER TYPE "public"."scope_type" ADD VALUE 'suite';--> statement-breakpoint
CREATE TABLE "custody_panels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"area" text NOT NULL,
	"coordinator_id" uuid NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_suites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"area" text NOT NULL,
	"address" text NOT NULL,
	"cells" integer NOT NULL,
	"target_visits_per_week" numeric(4, 2) NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_panels" ADD CONSTRAINT "custody_panels_coordinator_id_people_id_fk" FOREIGN KEY ("coordinator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custody_panels_area_key" ON "custody_panels" USING btree (lower("area"));--> statement-breakpoint
CREATE INDEX "custody_panels_coordinator_idx" ON "custody_panels" USING btree ("coordinator_id");--> statement-breakpoint
CREATE INDEX "custody_suites_area_idx" ON "custody_suites" USING btree (lower("area"),"name");--> statement-breakpoint
-- The scheme's suites and panels are counted as their own kind of data (ADR 0009).
CALL data_versions_count_table('custody_suites', 'custody');--> statement-breakpoint
CALL data_versions_count_table('custody_panels', 'custody');
