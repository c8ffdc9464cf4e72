ALTER TYPE "public"."meeting_body_type" ADD VALUE 'engagement_group';--> statement-breakpoint
CREATE TABLE "engagement_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"standing" text NOT NULL,
	"evidence" text NOT NULL,
	"assessed_on" date NOT NULL,
	"assessed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_assessments_standing" CHECK ("engagement_assessments"."standing" in ('met', 'partly', 'not_met'))
);
--> statement-breakpoint
CREATE TABLE "engagement_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"raised_on" date NOT NULL,
	"raised_by" uuid,
	"raised_to" text NOT NULL,
	"issue" text NOT NULL,
	"wanted" text NOT NULL,
	"response" text,
	"responded_on" date,
	"responded_by" uuid,
	"closed_on" date,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_issues_raised_to" CHECK ("engagement_issues"."raised_to" in ('authority', 'police')),
	CONSTRAINT "engagement_issues_answered_before_closed" CHECK ("engagement_issues"."closed_on" is null or "engagement_issues"."responded_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "engagement_plan_headings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"heading" text NOT NULL,
	"position" text NOT NULL,
	"plan" text NOT NULL,
	"target_on" date,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_plan_headings_heading" CHECK ("engagement_plan_headings"."heading" in ('staffing', 'accommodation', 'processes', 'structure', 'agencies', 'custody_visiting'))
);
--> statement-breakpoint
CREATE TABLE "engagement_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"agreed_at" timestamp with time zone,
	"agreed_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"position" integer NOT NULL,
	"retired_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "engagement_groups" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce("engagement_groups"."name", ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "engagement_assessments" ADD CONSTRAINT "engagement_assessments_group_id_engagement_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."engagement_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_assessments" ADD CONSTRAINT "engagement_assessments_standard_id_engagement_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."engagement_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_assessments" ADD CONSTRAINT "engagement_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_issues" ADD CONSTRAINT "engagement_issues_group_id_engagement_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."engagement_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_issues" ADD CONSTRAINT "engagement_issues_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_issues" ADD CONSTRAINT "engagement_issues_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_plan_headings" ADD CONSTRAINT "engagement_plan_headings_plan_id_engagement_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."engagement_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_plan_headings" ADD CONSTRAINT "engagement_plan_headings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_plans" ADD CONSTRAINT "engagement_plans_group_id_engagement_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."engagement_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_plans" ADD CONSTRAINT "engagement_plans_agreed_by_users_id_fk" FOREIGN KEY ("agreed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_assessments_latest_idx" ON "engagement_assessments" USING btree ("group_id","standard_id","assessed_on","created_at");--> statement-breakpoint
CREATE INDEX "engagement_assessments_by_idx" ON "engagement_assessments" USING btree ("assessed_by");--> statement-breakpoint
CREATE INDEX "engagement_issues_group_idx" ON "engagement_issues" USING btree ("group_id","raised_on");--> statement-breakpoint
CREATE INDEX "engagement_issues_state_idx" ON "engagement_issues" USING btree ("closed_on","responded_on","raised_on");--> statement-breakpoint
CREATE INDEX "engagement_issues_raised_by_idx" ON "engagement_issues" USING btree ("raised_by");--> statement-breakpoint
CREATE INDEX "engagement_issues_responded_by_idx" ON "engagement_issues" USING btree ("responded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_plan_headings_key" ON "engagement_plan_headings" USING btree ("plan_id","heading");--> statement-breakpoint
CREATE INDEX "engagement_plan_headings_by_idx" ON "engagement_plan_headings" USING btree ("updated_by");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_plans_group_year_key" ON "engagement_plans" USING btree ("group_id","start_year");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_standards_code_key" ON "engagement_standards" USING btree ("code");--> statement-breakpoint
CREATE INDEX "engagement_standards_position_idx" ON "engagement_standards" USING btree ("position");--> statement-breakpoint
CREATE INDEX "engagement_groups_search_idx" ON "engagement_groups" USING gin ("search");--> statement-breakpoint
CALL data_versions_count_table('engagement_standards', 'engagement');--> statement-breakpoint
CALL data_versions_count_table('engagement_assessments', 'engagement');--> statement-breakpoint
CALL data_versions_count_table('engagement_plans', 'engagement');--> statement-breakpoint
CALL data_versions_count_table('engagement_plan_headings', 'engagement');--> statement-breakpoint
CALL data_versions_count_table('engagement_issues', 'engagement');--> statement-breakpoint
INSERT INTO "engagement_standards" ("code", "title", "description", "position") VALUES
('MS1', 'Meets in public at least quarterly', 'The group meets the borough police in public at least four times a year, with notice given to the community.', 1),
('MS2', 'Open membership reflecting the borough', 'Membership is open to anyone living or working in the borough and reflects its communities.', 2),
('MS3', 'A written constitution', 'The group works to a written constitution, adopted by its members and published.', 3),
('MS4', 'Annual general meeting and elected officers', 'An annual general meeting elects the chair, secretary and treasurer.', 4),
('MS5', 'Minutes published', 'Minutes of its meetings are published to the community.', 5),
('MS6', 'Accounts kept and audited', 'Financial accounts are kept and independently examined or audited each year.', 6),
('MS7', 'Links with local agencies', 'The group works with the borough''s community safety partnership and other local agencies.', 7),
('MS8', 'Links with custody visiting', 'The group has links with the borough''s custody visiting panel.', 8),
('MS9', 'Feed-back to the community', 'After each meeting the group tells the community what was raised and what the police answered.', 9);
