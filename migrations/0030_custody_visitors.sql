CREATE TABLE "custody_visitor_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visitor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"induction" boolean DEFAULT false NOT NULL,
	"completed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_visitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"panel_id" uuid NOT NULL,
	"declared_on" date NOT NULL,
	"interviewed_on" date,
	"interview_panel" text,
	"interview_outcome" text,
	"vetting_result" text,
	"vetted_on" date,
	"vetting_expires_on" date,
	"appointed_on" date,
	"term_ends_on" date,
	"renewed_on" date,
	"probation_signed_off_on" date,
	"probation_signed_off_by" text,
	"suspended_from" date,
	"suspension_reason" text,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_visitor_courses" ADD CONSTRAINT "custody_visitor_courses_visitor_id_custody_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."custody_visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visitors" ADD CONSTRAINT "custody_visitors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visitors" ADD CONSTRAINT "custody_visitors_panel_id_custody_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."custody_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custody_visitor_courses_visitor_idx" ON "custody_visitor_courses" USING btree ("visitor_id","completed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "custody_visitors_person_key" ON "custody_visitors" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "custody_visitors_panel_idx" ON "custody_visitors" USING btree ("panel_id");--> statement-breakpoint
-- A panel's visitors and their courses are counted with the scheme's data (ADR 0009).
CALL data_versions_count_table('custody_visitors', 'custody');--> statement-breakpoint
CALL data_versions_count_table('custody_visitor_courses', 'custody');
