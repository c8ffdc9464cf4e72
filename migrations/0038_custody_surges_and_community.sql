CREATE TABLE "custody_community_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"reached" integer,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_surge_suites" (
	"surge_id" uuid NOT NULL,
	"suite_id" uuid NOT NULL,
	CONSTRAINT "custody_surge_suites_surge_id_suite_id_pk" PRIMARY KEY("surge_id","suite_id")
);
--> statement-breakpoint
CREATE TABLE "custody_surges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"declared_ends_on" date NOT NULL,
	"visits_per_week" numeric(4, 2) NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_visitors" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "custody_visitors" ADD COLUMN "leaving_reason" text;--> statement-breakpoint
ALTER TABLE "custody_community_activities" ADD CONSTRAINT "custody_community_activities_panel_id_custody_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."custody_panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_surge_suites" ADD CONSTRAINT "custody_surge_suites_surge_id_custody_surges_id_fk" FOREIGN KEY ("surge_id") REFERENCES "public"."custody_surges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_surge_suites" ADD CONSTRAINT "custody_surge_suites_suite_id_custody_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."custody_suites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custody_community_activities_panel_idx" ON "custody_community_activities" USING btree ("panel_id","held_on");--> statement-breakpoint
CREATE INDEX "custody_community_activities_held_idx" ON "custody_community_activities" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "custody_surge_suites_suite_idx" ON "custody_surge_suites" USING btree ("suite_id");--> statement-breakpoint
CREATE INDEX "custody_surges_period_idx" ON "custody_surges" USING btree ("ends_on","starts_on");--> statement-breakpoint
CREATE INDEX "custody_visitor_applications_received_idx" ON "custody_visitor_applications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "custody_visitors_appointed_idx" ON "custody_visitors" USING btree ("appointed_on");--> statement-breakpoint
CREATE INDEX "custody_visitors_left_idx" ON "custody_visitors" USING btree ("left_on");--> statement-breakpoint
CALL data_versions_count_table('custody_community_activities', 'custody');--> statement-breakpoint
CALL data_versions_count_table('custody_surges', 'custody');--> statement-breakpoint
CALL data_versions_count_table('custody_surge_suites', 'custody');
