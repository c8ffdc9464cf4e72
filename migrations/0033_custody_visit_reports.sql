CREATE TABLE "custody_visit_report_detainees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"custody_record_number" text NOT NULL,
	"child" boolean NOT NULL,
	"vulnerable" boolean NOT NULL,
	"consent" boolean NOT NULL,
	"seen" boolean NOT NULL,
	"not_seen_reason" text,
	"record_checked" boolean NOT NULL,
	"observations" text,
	"idempotency_key" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_visit_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid,
	"suite_id" uuid NOT NULL,
	"panel_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"first_visitor_id" uuid NOT NULL,
	"second_visitor_id" uuid NOT NULL,
	"arrived_at" time NOT NULL,
	"admitted_at" time NOT NULL,
	"delay_reason" text,
	"delay_authorised_by" text,
	"detainees_present" integer,
	"rights_check" text,
	"rights_notes" text,
	"health_check" text,
	"health_notes" text,
	"cells_check" text,
	"cells_notes" text,
	"conditions" text,
	"issues_raised" text,
	"action_taken" text,
	"follow_up" text,
	"checks_recorded_at" timestamp with time zone,
	"first_confirmed_at" timestamp with time zone,
	"second_confirmed_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"idempotency_key" uuid NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_visit_report_detainees" ADD CONSTRAINT "custody_visit_report_detainees_report_id_custody_visit_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."custody_visit_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD CONSTRAINT "custody_visit_reports_visit_id_custody_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."custody_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD CONSTRAINT "custody_visit_reports_suite_id_custody_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."custody_suites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD CONSTRAINT "custody_visit_reports_panel_id_custody_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."custody_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD CONSTRAINT "custody_visit_reports_first_visitor_id_custody_visitors_id_fk" FOREIGN KEY ("first_visitor_id") REFERENCES "public"."custody_visitors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD CONSTRAINT "custody_visit_reports_second_visitor_id_custody_visitors_id_fk" FOREIGN KEY ("second_visitor_id") REFERENCES "public"."custody_visitors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custody_visit_report_detainees_idempotency_key" ON "custody_visit_report_detainees" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "custody_visit_report_detainees_record_key" ON "custody_visit_report_detainees" USING btree ("report_id","custody_record_number");--> statement-breakpoint
CREATE UNIQUE INDEX "custody_visit_reports_idempotency_key" ON "custody_visit_reports" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "custody_visit_reports_first_visitor_idx" ON "custody_visit_reports" USING btree ("first_visitor_id","visited_on");--> statement-breakpoint
CREATE INDEX "custody_visit_reports_second_visitor_idx" ON "custody_visit_reports" USING btree ("second_visitor_id","visited_on");--> statement-breakpoint
CREATE INDEX "custody_visit_reports_suite_idx" ON "custody_visit_reports" USING btree ("suite_id","status","visited_on");--> statement-breakpoint
CREATE INDEX "custody_visit_reports_submitted_idx" ON "custody_visit_reports" USING btree ("visited_on") WHERE "custody_visit_reports"."status" = 'submitted';--> statement-breakpoint
CALL data_versions_count_table('custody_visit_reports', 'custody');--> statement-breakpoint
CALL data_versions_count_table('custody_visit_report_detainees', 'custody');
