CREATE TABLE "custody_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"suite_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"significant" boolean NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_on" date NOT NULL,
	"raised_by" uuid NOT NULL,
	"response" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"sent_back_at" timestamp with time zone,
	"sent_back_note" text,
	"outcome" text,
	"close_note" text,
	"closed_at" timestamp with time zone,
	"closed_on" date,
	"escalated_at" timestamp with time zone,
	"authority_escalated_at" timestamp with time zone,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "custody_visit_reports" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "custody_issues" ADD CONSTRAINT "custody_issues_report_id_custody_visit_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."custody_visit_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_issues" ADD CONSTRAINT "custody_issues_suite_id_custody_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."custody_suites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custody_issues_report_idx" ON "custody_issues" USING btree ("report_id","raised_at");--> statement-breakpoint
CREATE INDEX "custody_issues_suite_idx" ON "custody_issues" USING btree ("suite_id","status","raised_at");--> statement-breakpoint
CREATE INDEX "custody_issues_status_idx" ON "custody_issues" USING btree ("status","raised_at");--> statement-breakpoint
CREATE INDEX "custody_issues_public_idx" ON "custody_issues" USING btree ("raised_at") WHERE "custody_issues"."status" in ('answered', 'closed');--> statement-breakpoint
CREATE INDEX "custody_visit_reports_review_queue_idx" ON "custody_visit_reports" USING btree ("submitted_at") WHERE "custody_visit_reports"."status" = 'submitted' and "custody_visit_reports"."reviewed_at" is null;--> statement-breakpoint
CALL data_versions_count_table('custody_issues', 'custody');
