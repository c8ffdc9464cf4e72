CREATE TYPE "public"."expense_budget_holder" AS ENUM('dcfd', 'sponsoring_directorate', 'borough');--> statement-breakpoint
CREATE TYPE "public"."expense_occasion" AS ENUM('meeting', 'deployment', 'other');--> statement-breakpoint
CREATE TYPE "public"."expense_claim_status" AS ENUM('draft', 'submitted', 'awaiting_second_approval', 'approved', 'part_approved', 'rejected', 'paid');--> statement-breakpoint
CREATE TYPE "public"."expense_dispute_stage" AS ENUM('chair', 'director');--> statement-breakpoint
CREATE TYPE "public"."expense_dispute_status" AS ENUM('open', 'upheld', 'not_upheld');--> statement-breakpoint
CREATE TYPE "public"."expense_category" AS ENUM('public_transport', 'mileage', 'parking', 'subsistence', 'care', 'other');--> statement-breakpoint
CREATE TABLE "expense_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"year_start" integer NOT NULL,
	"amount_pence" integer NOT NULL,
	"holder" "expense_budget_holder" NOT NULL,
	"holder_organisation_id" uuid,
	"set_by" uuid,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "expense_budgets_pence_check" CHECK ("expense_budgets"."amount_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "expense_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" integer GENERATED ALWAYS AS IDENTITY (sequence name "expense_claims_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claimant_person_id" uuid NOT NULL,
	"claimant_user_id" uuid,
	"group_id" uuid NOT NULL,
	"occasion" "expense_occasion" NOT NULL,
	"meeting_id" uuid,
	"deployment_id" uuid,
	"occasion_text" text NOT NULL,
	"status" "expense_claim_status" DEFAULT 'draft' NOT NULL,
	"claimed_pence" integer DEFAULT 0 NOT NULL,
	"approved_pence" integer,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_on" date,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"second_approved_by" uuid,
	"second_approved_at" timestamp with time zone,
	"batch_id" uuid,
	"paid_at" timestamp with time zone,
	CONSTRAINT "expense_claims_reference_unique" UNIQUE("reference"),
	CONSTRAINT "expense_claims_pence_check" CHECK ("expense_claims"."claimed_pence" >= 0 and coalesce("expense_claims"."approved_pence", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "expense_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"raised_by" uuid,
	"raised_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"stage" "expense_dispute_stage" NOT NULL,
	"status" "expense_dispute_status" DEFAULT 'open' NOT NULL,
	"chair_decision" "expense_dispute_status",
	"chair_reason" text,
	"chair_decided_by" uuid,
	"chair_decided_at" timestamp with time zone,
	"referred_at" timestamp with time zone,
	"referral_reason" text,
	"director_decision" "expense_dispute_status",
	"director_reason" text,
	"director_decided_by" uuid,
	"director_decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "expense_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"category" "expense_category" NOT NULL,
	"incurred_on" date NOT NULL,
	"description" text NOT NULL,
	"tenths_of_mile" integer,
	"claimed_pence" integer NOT NULL,
	"approved_pence" integer,
	"approval_reason" text,
	"receipt_file_name" text,
	"receipt_media_type" text,
	"receipt_size_bytes" integer,
	"receipt_sha256" text,
	"receipt_storage_key" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "expense_items_pence_check" CHECK ("expense_items"."claimed_pence" > 0 and coalesce("expense_items"."approved_pence", 0) between 0 and "expense_items"."claimed_pence")
);
--> statement-breakpoint
CREATE TABLE "payment_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" integer GENERATED ALWAYS AS IDENTITY (sequence name "payment_batches_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"claim_count" integer NOT NULL,
	"total_pence" integer NOT NULL,
	"exported_at" timestamp with time zone,
	"paid_by" uuid,
	"paid_at" timestamp with time zone,
	CONSTRAINT "payment_batches_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "expense_budgets" ADD CONSTRAINT "expense_budgets_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_budgets" ADD CONSTRAINT "expense_budgets_holder_organisation_id_organisations_id_fk" FOREIGN KEY ("holder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_budgets" ADD CONSTRAINT "expense_budgets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_claimant_person_id_people_id_fk" FOREIGN KEY ("claimant_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_claimant_user_id_users_id_fk" FOREIGN KEY ("claimant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_second_approved_by_users_id_fk" FOREIGN KEY ("second_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_disputes" ADD CONSTRAINT "expense_disputes_claim_id_expense_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."expense_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_disputes" ADD CONSTRAINT "expense_disputes_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_disputes" ADD CONSTRAINT "expense_disputes_chair_decided_by_users_id_fk" FOREIGN KEY ("chair_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_disputes" ADD CONSTRAINT "expense_disputes_director_decided_by_users_id_fk" FOREIGN KEY ("director_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_items" ADD CONSTRAINT "expense_items_claim_id_expense_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."expense_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "expense_budgets_group_year_key" ON "expense_budgets" USING btree ("group_id","year_start");--> statement-breakpoint
CREATE INDEX "expense_budgets_year_idx" ON "expense_budgets" USING btree ("year_start");--> statement-breakpoint
CREATE INDEX "expense_claims_claimant_idx" ON "expense_claims" USING btree ("claimant_person_id","created_at");--> statement-breakpoint
CREATE INDEX "expense_claims_status_idx" ON "expense_claims" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "expense_claims_group_idx" ON "expense_claims" USING btree ("group_id","submitted_on");--> statement-breakpoint
CREATE INDEX "expense_claims_batch_idx" ON "expense_claims" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "expense_disputes_claim_idx" ON "expense_disputes" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "expense_disputes_open_key" ON "expense_disputes" USING btree ("claim_id") WHERE "expense_disputes"."status" = 'open';--> statement-breakpoint
CREATE INDEX "expense_disputes_stage_idx" ON "expense_disputes" USING btree ("stage","status","raised_at");--> statement-breakpoint
CREATE INDEX "expense_items_claim_idx" ON "expense_items" USING btree ("claim_id","incurred_on");