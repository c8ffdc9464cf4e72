ALTER TYPE "public"."role" ADD VALUE 'engagement_officer' BEFORE 'administrator';--> statement-breakpoint
ALTER TYPE "public"."scope_type" ADD VALUE 'engagement_group';--> statement-breakpoint
CREATE TABLE "engagement_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borough_id" uuid NOT NULL,
	"name" text NOT NULL,
	"chair_id" uuid,
	"secretary_id" uuid,
	"treasurer_id" uuid,
	"constitution_adopted_on" date,
	"constitution_link" text,
	"contact_email" text,
	"closed_on" date,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_groups_name_check" CHECK (length(trim("engagement_groups"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "grant_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"reason" text NOT NULL,
	"recorded_on" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_adjustments_kind" CHECK ("grant_adjustments"."kind" in ('underspend', 'clawback')),
	CONSTRAINT "grant_adjustments_amount" CHECK ("grant_adjustments"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE TABLE "grant_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" integer GENERATED ALWAYS AS IDENTITY (sequence name "grant_applications_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"round_id" uuid NOT NULL,
	"applicant_kind" text NOT NULL,
	"engagement_group_id" uuid,
	"organisation_id" uuid,
	"applicant_name" text NOT NULL,
	"borough_id" uuid,
	"project_title" text NOT NULL,
	"summary" text,
	"objectives" text,
	"activities" text,
	"starts_on" date,
	"ends_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"requested_pence" integer,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"created_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"panel" text,
	"decision_reason" text,
	"awarded_pence" integer,
	"conditions" text,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce("grant_applications"."applicant_name", '') || ' ' || coalesce("grant_applications"."project_title", '') || ' ' || coalesce("grant_applications"."summary", ''))) STORED NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "grant_applications_kind" CHECK ("grant_applications"."applicant_kind" in ('engagement_group', 'partnership', 'borough', 'organisation')),
	CONSTRAINT "grant_applications_status" CHECK ("grant_applications"."status" in ('draft', 'submitted', 'withdrawn', 'awarded', 'declined')),
	CONSTRAINT "grant_applications_applicant" CHECK (("grant_applications"."applicant_kind" = 'engagement_group') = ("grant_applications"."engagement_group_id" is not null)
        and ("grant_applications"."applicant_kind" = 'engagement_group') = ("grant_applications"."organisation_id" is null)),
	CONSTRAINT "grant_applications_award" CHECK (("grant_applications"."status" = 'awarded') = ("grant_applications"."awarded_pence" is not null)
        and coalesce("grant_applications"."awarded_pence", 1) > 0),
	CONSTRAINT "grant_applications_decided" CHECK (("grant_applications"."status" in ('awarded', 'declined')) = ("grant_applications"."decided_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "grant_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"assigned_by" uuid,
	"conflict_declared_at" timestamp with time zone,
	"conflict_note" text,
	"comments" text,
	"submitted_at" timestamp with time zone,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_assessments_conflict_or_scored" CHECK (not ("grant_assessments"."conflict_declared_at" is not null and "grant_assessments"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "grant_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"amount_pence" integer NOT NULL,
	CONSTRAINT "grant_budget_lines_amount" CHECK ("grant_budget_lines"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE TABLE "grant_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"guidance" text,
	"weight" integer NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_criteria_weight" CHECK ("grant_criteria"."weight" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "grant_evaluations" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"effectiveness" text NOT NULL,
	"value_for_money" text NOT NULL,
	"findings" text NOT NULL,
	"lessons" text,
	"evaluated_on" date NOT NULL,
	"evaluated_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_evaluations_effectiveness" CHECK ("grant_evaluations"."effectiveness" in ('excellent', 'good', 'adequate', 'poor')),
	CONSTRAINT "grant_evaluations_value" CHECK ("grant_evaluations"."value_for_money" in ('excellent', 'good', 'adequate', 'poor'))
);
--> statement-breakpoint
CREATE TABLE "grant_fund_years" (
	"fund_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"budget_pence" integer NOT NULL,
	"committed_pence" integer DEFAULT 0 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_fund_years_fund_id_start_year_pk" PRIMARY KEY("fund_id","start_year"),
	CONSTRAINT "grant_fund_years_budget" CHECK ("grant_fund_years"."budget_pence" >= 0 and "grant_fund_years"."committed_pence" between 0 and "grant_fund_years"."budget_pence")
);
--> statement-breakpoint
CREATE TABLE "grant_funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"conditions" text NOT NULL,
	"applicant_kinds" text[] NOT NULL,
	"return_interval_months" integer DEFAULT 3 NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_funds_kind" CHECK ("grant_funds"."kind" in ('engagement', 'partnership', 'borough_command', 'development')),
	CONSTRAINT "grant_funds_applicant_kinds" CHECK ("grant_funds"."applicant_kinds" <@ array['engagement_group', 'partnership', 'borough', 'organisation']::text[] and cardinality("grant_funds"."applicant_kinds") > 0),
	CONSTRAINT "grant_funds_interval" CHECK ("grant_funds"."return_interval_months" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "grant_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_links_kind" CHECK ("grant_links"."kind" in ('meeting', 'recommendation', 'consultation'))
);
--> statement-breakpoint
CREATE TABLE "grant_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"outcome" text NOT NULL,
	"measure" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_payment_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" integer GENERATED ALWAYS AS IDENTITY (sequence name "grant_payment_batches_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"payment_count" integer NOT NULL,
	"total_pence" integer NOT NULL,
	"exported_at" timestamp with time zone,
	"paid_by" uuid,
	"paid_at" timestamp with time zone,
	CONSTRAINT "grant_payment_batches_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "grant_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"instalment" integer NOT NULL,
	"due_on" date NOT NULL,
	"amount_pence" integer NOT NULL,
	"batch_id" uuid,
	"held_reason" text,
	CONSTRAINT "grant_payments_amount" CHECK ("grant_payments"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE TABLE "grant_return_progress" (
	"return_id" uuid NOT NULL,
	"outcome_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	CONSTRAINT "grant_return_progress_return_id_outcome_id_pk" PRIMARY KEY("return_id","outcome_id"),
	CONSTRAINT "grant_return_progress_status" CHECK ("grant_return_progress"."status" in ('not_started', 'on_track', 'behind', 'achieved'))
);
--> statement-breakpoint
CREATE TABLE "grant_return_spend" (
	"return_id" uuid NOT NULL,
	"budget_line_id" uuid NOT NULL,
	"spent_pence" integer NOT NULL,
	CONSTRAINT "grant_return_spend_return_id_budget_line_id_pk" PRIMARY KEY("return_id","budget_line_id"),
	CONSTRAINT "grant_return_spend_amount" CHECK ("grant_return_spend"."spent_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "grant_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"period" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"progress" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"chased_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_returns_dates" CHECK ("grant_returns"."period_end" >= "grant_returns"."period_start")
);
--> statement-breakpoint
CREATE TABLE "grant_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"title" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"decisions_by" date,
	"created_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_rounds_dates" CHECK ("grant_rounds"."closes_on" >= "grant_rounds"."opens_on")
);
--> statement-breakpoint
CREATE TABLE "grant_scores" (
	"assessment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	CONSTRAINT "grant_scores_assessment_id_criterion_id_pk" PRIMARY KEY("assessment_id","criterion_id"),
	CONSTRAINT "grant_scores_range" CHECK ("grant_scores"."score" between 0 and 5)
);
--> statement-breakpoint
ALTER TABLE "engagement_groups" ADD CONSTRAINT "engagement_groups_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_groups" ADD CONSTRAINT "engagement_groups_chair_id_people_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_groups" ADD CONSTRAINT "engagement_groups_secretary_id_people_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_groups" ADD CONSTRAINT "engagement_groups_treasurer_id_people_id_fk" FOREIGN KEY ("treasurer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_adjustments" ADD CONSTRAINT "grant_adjustments_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_adjustments" ADD CONSTRAINT "grant_adjustments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_round_id_grant_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."grant_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_engagement_group_id_engagement_groups_id_fk" FOREIGN KEY ("engagement_group_id") REFERENCES "public"."engagement_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_assessments" ADD CONSTRAINT "grant_assessments_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_assessments" ADD CONSTRAINT "grant_assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_assessments" ADD CONSTRAINT "grant_assessments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_budget_lines" ADD CONSTRAINT "grant_budget_lines_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_criteria" ADD CONSTRAINT "grant_criteria_fund_id_grant_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grant_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_evaluations" ADD CONSTRAINT "grant_evaluations_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_evaluations" ADD CONSTRAINT "grant_evaluations_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_fund_years" ADD CONSTRAINT "grant_fund_years_fund_id_grant_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grant_funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_funds" ADD CONSTRAINT "grant_funds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_links" ADD CONSTRAINT "grant_links_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_links" ADD CONSTRAINT "grant_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_outcomes" ADD CONSTRAINT "grant_outcomes_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_payment_batches" ADD CONSTRAINT "grant_payment_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_payment_batches" ADD CONSTRAINT "grant_payment_batches_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_payments" ADD CONSTRAINT "grant_payments_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_payments" ADD CONSTRAINT "grant_payments_batch_id_grant_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."grant_payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_return_progress" ADD CONSTRAINT "grant_return_progress_return_id_grant_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."grant_returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_return_progress" ADD CONSTRAINT "grant_return_progress_outcome_id_grant_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."grant_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_return_spend" ADD CONSTRAINT "grant_return_spend_return_id_grant_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."grant_returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_return_spend" ADD CONSTRAINT "grant_return_spend_budget_line_id_grant_budget_lines_id_fk" FOREIGN KEY ("budget_line_id") REFERENCES "public"."grant_budget_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_returns" ADD CONSTRAINT "grant_returns_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_returns" ADD CONSTRAINT "grant_returns_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_returns" ADD CONSTRAINT "grant_returns_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_rounds" ADD CONSTRAINT "grant_rounds_fund_id_grant_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grant_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_rounds" ADD CONSTRAINT "grant_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_scores" ADD CONSTRAINT "grant_scores_assessment_id_grant_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."grant_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_scores" ADD CONSTRAINT "grant_scores_criterion_id_grant_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."grant_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_groups_borough_idx" ON "engagement_groups" USING btree ("borough_id","name");--> statement-breakpoint
CREATE INDEX "engagement_groups_chair_idx" ON "engagement_groups" USING btree ("chair_id");--> statement-breakpoint
CREATE INDEX "engagement_groups_secretary_idx" ON "engagement_groups" USING btree ("secretary_id");--> statement-breakpoint
CREATE INDEX "engagement_groups_treasurer_idx" ON "engagement_groups" USING btree ("treasurer_id");--> statement-breakpoint
CREATE INDEX "grant_adjustments_application_idx" ON "grant_adjustments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grant_applications_round_idx" ON "grant_applications" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "grant_applications_group_idx" ON "grant_applications" USING btree ("engagement_group_id","status");--> statement-breakpoint
CREATE INDEX "grant_applications_organisation_idx" ON "grant_applications" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "grant_applications_borough_idx" ON "grant_applications" USING btree ("borough_id","status");--> statement-breakpoint
CREATE INDEX "grant_applications_status_idx" ON "grant_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "grant_applications_search_idx" ON "grant_applications" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_assessments_unique_idx" ON "grant_assessments" USING btree ("application_id","assessor_id");--> statement-breakpoint
CREATE INDEX "grant_assessments_assessor_idx" ON "grant_assessments" USING btree ("assessor_id","submitted_at");--> statement-breakpoint
CREATE INDEX "grant_budget_lines_application_idx" ON "grant_budget_lines" USING btree ("application_id","position");--> statement-breakpoint
CREATE INDEX "grant_criteria_fund_idx" ON "grant_criteria" USING btree ("fund_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_funds_name_idx" ON "grant_funds" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_links_unique_idx" ON "grant_links" USING btree ("application_id","kind","target_id");--> statement-breakpoint
CREATE INDEX "grant_links_target_idx" ON "grant_links" USING btree ("kind","target_id");--> statement-breakpoint
CREATE INDEX "grant_outcomes_application_idx" ON "grant_outcomes" USING btree ("application_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_payments_instalment_idx" ON "grant_payments" USING btree ("application_id","instalment");--> statement-breakpoint
CREATE INDEX "grant_payments_due_idx" ON "grant_payments" USING btree ("batch_id","due_on");--> statement-breakpoint
CREATE INDEX "grant_return_spend_line_idx" ON "grant_return_spend" USING btree ("budget_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_returns_period_idx" ON "grant_returns" USING btree ("application_id","period");--> statement-breakpoint
CREATE INDEX "grant_returns_due_idx" ON "grant_returns" USING btree ("submitted_at","due_on");--> statement-breakpoint
CREATE INDEX "grant_rounds_fund_idx" ON "grant_rounds" USING btree ("fund_id","opens_on");--> statement-breakpoint
CREATE INDEX "grant_rounds_dates_idx" ON "grant_rounds" USING btree ("opens_on","closes_on");--> statement-breakpoint
CALL data_versions_count_table('engagement_groups', 'engagement');
--> statement-breakpoint
CALL data_versions_count_table('grant_adjustments', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_applications', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_assessments', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_budget_lines', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_criteria', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_evaluations', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_fund_years', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_funds', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_links', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_outcomes', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_payment_batches', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_payments', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_return_progress', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_return_spend', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_returns', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_rounds', 'grants');
--> statement-breakpoint
CALL data_versions_count_table('grant_scores', 'grants');
