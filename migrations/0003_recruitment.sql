CREATE TYPE "public"."application_status" AS ENUM('submitted', 'recommended', 'not_recommended', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"date_of_birth" date,
	"communities" text NOT NULL,
	"statement" text NOT NULL,
	"independence_confirmed" boolean NOT NULL,
	"principles_confirmed" boolean NOT NULL,
	"status" "application_status" DEFAULT 'submitted' NOT NULL,
	"assessment" text,
	"assessed_by" uuid,
	"assessed_at" timestamp with time zone,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"membership_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_panel" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "recruitment_panel_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "recruitment_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"appointment_date" date NOT NULL,
	"target_audiences" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_rounds_dates_check" CHECK ("recruitment_rounds"."opens_on" <= "recruitment_rounds"."closes_on" and "recruitment_rounds"."closes_on" <= "recruitment_rounds"."appointment_date")
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_round_id_recruitment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."recruitment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_panel" ADD CONSTRAINT "recruitment_panel_round_id_recruitment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."recruitment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_panel" ADD CONSTRAINT "recruitment_panel_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_rounds" ADD CONSTRAINT "recruitment_rounds_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_rounds" ADD CONSTRAINT "recruitment_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_round_status_idx" ON "applications" USING btree ("round_id","status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_round_email_key" ON "applications" USING btree ("round_id",lower("email"));--> statement-breakpoint
CREATE INDEX "recruitment_panel_user_idx" ON "recruitment_panel" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "recruitment_rounds_group_idx" ON "recruitment_rounds" USING btree ("group_id","opens_on");--> statement-breakpoint
CREATE INDEX "recruitment_rounds_open_idx" ON "recruitment_rounds" USING btree ("opens_on","closes_on");