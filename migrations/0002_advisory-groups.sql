CREATE TYPE "public"."group_document_kind" AS ENUM('terms_of_reference', 'guide', 'other');--> statement-breakpoint
CREATE TYPE "public"."group_status" AS ENUM('forming', 'active', 'suspended', 'closed');--> statement-breakpoint
CREATE TYPE "public"."group_type" AS ENUM('corporate_iag', 'borough_iag', 'specialist', 'community', 'corporate_focus', 'sub_group');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('current', 'ended', 'withdrawn', 'resigned');--> statement-breakpoint
CREATE TYPE "public"."reappointment_status" AS ENUM('pending', 'agreed', 'declined');--> statement-breakpoint
CREATE TABLE "advisory_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"type" "group_type" NOT NULL,
	"status" "group_status" DEFAULT 'active' NOT NULL,
	"owner_id" uuid,
	"parent_group_id" uuid,
	"purpose" text NOT NULL,
	"focus" text,
	"meeting_interval_months" smallint NOT NULL,
	"min_age" smallint,
	"max_age" smallint,
	"deployment_contact_id" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce("advisory_groups"."name", '') || ' ' || coalesce("advisory_groups"."focus", '') || ' ' || coalesce("advisory_groups"."purpose", ''))) STORED NOT NULL,
	CONSTRAINT "advisory_groups_interval_check" CHECK ("advisory_groups"."meeting_interval_months" in (1, 2, 3, 4, 6, 12)),
	CONSTRAINT "advisory_groups_age_check" CHECK ("advisory_groups"."min_age" is null or "advisory_groups"."max_age" is null or "advisory_groups"."min_age" <= "advisory_groups"."max_age")
);
--> statement-breakpoint
CREATE TABLE "election_candidates" (
	"election_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"elected" boolean NOT NULL,
	"votes" integer,
	CONSTRAINT "election_candidates_election_id_person_id_pk" PRIMARY KEY("election_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"adjudicator_name" text NOT NULL,
	"adjudicator_organisation" text,
	"agreed_by_chairs" text NOT NULL,
	"agreed_by_police" text NOT NULL,
	"notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_document_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"body" text NOT NULL,
	"change_summary" text,
	"agreed_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid,
	"kind" "group_document_kind" NOT NULL,
	"title" text NOT NULL,
	"review_due" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"term_number" smallint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "membership_status" DEFAULT 'current' NOT NULL,
	"left_on" date,
	"leaving_reason" text,
	"transitional" boolean DEFAULT false NOT NULL,
	"imported" boolean DEFAULT false NOT NULL,
	"previous_membership_id" uuid,
	"publish_name" boolean DEFAULT false NOT NULL,
	"end_notice_sent_at" timestamp with time zone,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_term_check" CHECK ("memberships"."term_number" between 1 and 2),
	CONSTRAINT "memberships_dates_check" CHECK ("memberships"."starts_on" < "memberships"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "reappointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"status" "reappointment_status" DEFAULT 'pending' NOT NULL,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"chair_user_id" uuid,
	"chair_agreed_at" timestamp with time zone,
	"director_user_id" uuid,
	"director_agreed_at" timestamp with time zone,
	"declined_by" uuid,
	"declined_at" timestamp with time zone,
	"declined_reason" text,
	"new_membership_id" uuid
);
--> statement-breakpoint
ALTER TABLE "advisory_groups" ADD CONSTRAINT "advisory_groups_owner_id_organisations_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_groups" ADD CONSTRAINT "advisory_groups_parent_group_id_advisory_groups_id_fk" FOREIGN KEY ("parent_group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_groups" ADD CONSTRAINT "advisory_groups_deployment_contact_id_people_id_fk" FOREIGN KEY ("deployment_contact_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_document_versions" ADD CONSTRAINT "group_document_versions_document_id_group_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."group_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_document_versions" ADD CONSTRAINT "group_document_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_documents" ADD CONSTRAINT "group_documents_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_previous_membership_id_memberships_id_fk" FOREIGN KEY ("previous_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reappointments" ADD CONSTRAINT "reappointments_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reappointments" ADD CONSTRAINT "reappointments_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reappointments" ADD CONSTRAINT "reappointments_chair_user_id_users_id_fk" FOREIGN KEY ("chair_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reappointments" ADD CONSTRAINT "reappointments_director_user_id_users_id_fk" FOREIGN KEY ("director_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reappointments" ADD CONSTRAINT "reappointments_declined_by_users_id_fk" FOREIGN KEY ("declined_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reappointments" ADD CONSTRAINT "reappointments_new_membership_id_memberships_id_fk" FOREIGN KEY ("new_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advisory_groups_code_key" ON "advisory_groups" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "advisory_groups_name_key" ON "advisory_groups" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "advisory_groups_type_name_idx" ON "advisory_groups" USING btree ("type","name");--> statement-breakpoint
CREATE INDEX "advisory_groups_owner_idx" ON "advisory_groups" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "advisory_groups_parent_idx" ON "advisory_groups" USING btree ("parent_group_id");--> statement-breakpoint
CREATE INDEX "advisory_groups_search_idx" ON "advisory_groups" USING gin ("search");--> statement-breakpoint
CREATE INDEX "election_candidates_person_idx" ON "election_candidates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "elections_group_held_idx" ON "elections" USING btree ("group_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "group_document_versions_number_key" ON "group_document_versions" USING btree ("document_id","number");--> statement-breakpoint
CREATE INDEX "group_documents_group_idx" ON "group_documents" USING btree ("group_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "group_documents_terms_key" ON "group_documents" USING btree ("group_id") WHERE "group_documents"."kind" = 'terms_of_reference';--> statement-breakpoint
CREATE INDEX "memberships_group_status_idx" ON "memberships" USING btree ("group_id","status","ends_on");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_current_key" ON "memberships" USING btree ("group_id","person_id") WHERE "memberships"."status" = 'current';--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_previous_key" ON "memberships" USING btree ("previous_membership_id");--> statement-breakpoint
CREATE INDEX "memberships_notice_idx" ON "memberships" USING btree ("ends_on") WHERE "memberships"."status" = 'current' and "memberships"."end_notice_sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "reappointments_pending_key" ON "reappointments" USING btree ("membership_id") WHERE "reappointments"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "reappointments_status_idx" ON "reappointments" USING btree ("status","proposed_at");