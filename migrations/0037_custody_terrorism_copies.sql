CREATE TABLE "custody_visit_report_copies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"sent_to" text,
	"sent_at" timestamp with time zone,
	"method" text,
	"recorded_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_visit_report_detainees" ADD COLUMN "terrorism" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "custody_visit_report_detainees" ADD COLUMN "recordings_viewed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "custody_visit_report_detainees" ADD COLUMN "recordings_notes" text;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD COLUMN "terrorism_report" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "custody_visit_report_copies" ADD CONSTRAINT "custody_visit_report_copies_report_id_custody_visit_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."custody_visit_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custody_visit_report_copies_report_key" ON "custody_visit_report_copies" USING btree ("report_id","recipient");--> statement-breakpoint
CREATE INDEX "custody_visit_reports_panel_idx" ON "custody_visit_reports" USING btree ("panel_id","status","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "custody_visit_reports_visit_key" ON "custody_visit_reports" USING btree ("visit_id") WHERE "custody_visit_reports"."visit_id" is not null;--> statement-breakpoint
CALL data_versions_count_table('custody_visit_report_copies', 'custody');
