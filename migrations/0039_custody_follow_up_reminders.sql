CREATE TABLE "custody_follow_up_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"report_id" uuid NOT NULL,
	"issue_id" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "custody_follow_up_reminders_once" UNIQUE NULLS NOT DISTINCT("kind","report_id","issue_id")
);
--> statement-breakpoint
ALTER TABLE "custody_follow_up_reminders" ADD CONSTRAINT "custody_follow_up_reminders_report_id_custody_visit_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."custody_visit_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_follow_up_reminders" ADD CONSTRAINT "custody_follow_up_reminders_issue_id_custody_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."custody_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custody_follow_up_reminders_issue_idx" ON "custody_follow_up_reminders" USING btree ("issue_id");--> statement-breakpoint
CALL data_versions_count_table('custody_follow_up_reminders', 'custody');
