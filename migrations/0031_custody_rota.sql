CREATE TABLE "custody_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"unavailable_weeks" date[] DEFAULT '{}'::date[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_rota_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"quarter_start" date NOT NULL,
	"drawn_at" timestamp with time zone,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"suite_id" uuid NOT NULL,
	"quarter_start" date NOT NULL,
	"week_starting" date NOT NULL,
	"first_visitor_id" uuid NOT NULL,
	"second_visitor_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"visit_on" date,
	"visit_minutes" integer,
	"replaces_visit_id" uuid,
	"swapped_out_id" uuid,
	"swapped_at" timestamp with time zone,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_availability" ADD CONSTRAINT "custody_availability_round_id_custody_rota_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."custody_rota_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_availability" ADD CONSTRAINT "custody_availability_visitor_id_custody_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."custody_visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_rota_rounds" ADD CONSTRAINT "custody_rota_rounds_panel_id_custody_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."custody_panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visits" ADD CONSTRAINT "custody_visits_panel_id_custody_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."custody_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visits" ADD CONSTRAINT "custody_visits_suite_id_custody_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."custody_suites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visits" ADD CONSTRAINT "custody_visits_first_visitor_id_custody_visitors_id_fk" FOREIGN KEY ("first_visitor_id") REFERENCES "public"."custody_visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visits" ADD CONSTRAINT "custody_visits_second_visitor_id_custody_visitors_id_fk" FOREIGN KEY ("second_visitor_id") REFERENCES "public"."custody_visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custody_availability_round_visitor_key" ON "custody_availability" USING btree ("round_id","visitor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "custody_rota_rounds_panel_quarter_key" ON "custody_rota_rounds" USING btree ("panel_id","quarter_start");--> statement-breakpoint
CREATE INDEX "custody_visits_panel_quarter_idx" ON "custody_visits" USING btree ("panel_id","quarter_start","week_starting");--> statement-breakpoint
CREATE INDEX "custody_visits_suite_week_idx" ON "custody_visits" USING btree ("suite_id","week_starting");--> statement-breakpoint
CREATE INDEX "custody_visits_first_visitor_idx" ON "custody_visits" USING btree ("first_visitor_id","week_starting");--> statement-breakpoint
CREATE INDEX "custody_visits_second_visitor_idx" ON "custody_visits" USING btree ("second_visitor_id","week_starting");--> statement-breakpoint
-- The rota's rounds, availability and visits are counted with the scheme's data (ADR 0009).
CALL data_versions_count_table('custody_rota_rounds', 'custody');--> statement-breakpoint
CALL data_versions_count_table('custody_availability', 'custody');--> statement-breakpoint
CALL data_versions_count_table('custody_visits', 'custody');
