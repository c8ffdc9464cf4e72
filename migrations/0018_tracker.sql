CREATE TYPE "public"."tracker_action_result" AS ENUM('completed', 'ongoing', 'awaits');--> statement-breakpoint
CREATE TYPE "public"."tracker_completion_precision" AS ENUM('day', 'month', 'unrecorded');--> statement-breakpoint
CREATE TYPE "public"."tracker_recommendation_status" AS ENUM('accepted', 'superseded', 'not_accepted');--> statement-breakpoint
CREATE TYPE "public"."tracker_source_kind" AS ENUM('review', 'scrutiny', 'inquiry', 'inspection', 'borough_scrutiny', 'thematic_review', 'work_plan', 'annual_report');--> statement-breakpoint
CREATE TABLE "tracker_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_point_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text,
	"owner_person_id" uuid,
	"owner_organisation_id" uuid,
	"due_on" date,
	"result" "tracker_action_result" NOT NULL,
	"completed_on" date,
	"completed_precision" "tracker_completion_precision",
	"narrative" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracker_actions_owner_check" CHECK ("tracker_actions"."owner_person_id" is null or "tracker_actions"."owner_organisation_id" is null),
	CONSTRAINT "tracker_actions_completed_check" CHECK (("tracker_actions"."result" = 'completed') = ("tracker_actions"."completed_precision" is not null)),
	CONSTRAINT "tracker_actions_completed_on_check" CHECK (("tracker_actions"."completed_on" is null) = ("tracker_actions"."completed_precision" is null or "tracker_actions"."completed_precision" = 'unrecorded'))
);
--> statement-breakpoint
CREATE TABLE "tracker_key_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"lead_person_id" uuid,
	"lead_organisation_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracker_key_points_lead_check" CHECK ("tracker_key_points"."lead_person_id" is null or "tracker_key_points"."lead_organisation_id" is null)
);
--> statement-breakpoint
CREATE TABLE "tracker_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"number" text NOT NULL,
	"position" integer NOT NULL,
	"section" text,
	"text" text NOT NULL,
	"status" "tracker_recommendation_status" DEFAULT 'accepted' NOT NULL,
	"superseded_by_id" uuid,
	"rationale" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracker_recommendations_superseded_check" CHECK (("tracker_recommendations"."status" = 'superseded') = ("tracker_recommendations"."superseded_by_id" is not null)),
	CONSTRAINT "tracker_recommendations_rationale_check" CHECK ("tracker_recommendations"."status" <> 'not_accepted' or "tracker_recommendations"."rationale" is not null)
);
--> statement-breakpoint
CREATE TABLE "tracker_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"meeting_id" uuid,
	"produced_by" uuid,
	"produced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracker_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" "tracker_source_kind" NOT NULL,
	"reference" text,
	"source_date" date,
	"owner_organisation_id" uuid,
	"reports_to" text,
	"monitored_by" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"due_on" date,
	"received_on" date,
	"group_id" uuid,
	"covers_year" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracker_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid,
	"recommendation_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"author_user_id" uuid,
	"author_label" text NOT NULL,
	"result" "tracker_action_result",
	"completed_on" date,
	"completed_precision" "tracker_completion_precision",
	"narrative" text,
	"standing" "tracker_recommendation_status",
	"superseded_by_number" text,
	"rationale" text,
	CONSTRAINT "tracker_updates_kind_check" CHECK ("tracker_updates"."kind" in ('imported', 'added', 'progress', 'standing')),
	CONSTRAINT "tracker_updates_shape_check" CHECK (("tracker_updates"."kind" = 'standing') = ("tracker_updates"."action_id" is null) and ("tracker_updates"."kind" = 'standing') = ("tracker_updates"."result" is null) and ("tracker_updates"."kind" = 'standing') = ("tracker_updates"."standing" is not null))
);
--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD CONSTRAINT "tracker_actions_key_point_id_tracker_key_points_id_fk" FOREIGN KEY ("key_point_id") REFERENCES "public"."tracker_key_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD CONSTRAINT "tracker_actions_source_id_tracker_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."tracker_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD CONSTRAINT "tracker_actions_recommendation_id_tracker_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."tracker_recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD CONSTRAINT "tracker_actions_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD CONSTRAINT "tracker_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_key_points" ADD CONSTRAINT "tracker_key_points_recommendation_id_tracker_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."tracker_recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_key_points" ADD CONSTRAINT "tracker_key_points_lead_person_id_people_id_fk" FOREIGN KEY ("lead_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_key_points" ADD CONSTRAINT "tracker_key_points_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_recommendations" ADD CONSTRAINT "tracker_recommendations_source_id_tracker_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."tracker_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_recommendations" ADD CONSTRAINT "tracker_recommendations_superseded_by_id_tracker_recommendations_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."tracker_recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_reports" ADD CONSTRAINT "tracker_reports_source_id_tracker_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."tracker_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_reports" ADD CONSTRAINT "tracker_reports_produced_by_users_id_fk" FOREIGN KEY ("produced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD CONSTRAINT "tracker_sources_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD CONSTRAINT "tracker_sources_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD CONSTRAINT "tracker_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD CONSTRAINT "tracker_updates_action_id_tracker_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."tracker_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD CONSTRAINT "tracker_updates_recommendation_id_tracker_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."tracker_recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD CONSTRAINT "tracker_updates_source_id_tracker_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."tracker_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD CONSTRAINT "tracker_updates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tracker_actions_key_point_idx" ON "tracker_actions" USING btree ("key_point_id","position");--> statement-breakpoint
CREATE INDEX "tracker_actions_source_idx" ON "tracker_actions" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "tracker_actions_owner_person_idx" ON "tracker_actions" USING btree ("owner_person_id");--> statement-breakpoint
CREATE INDEX "tracker_actions_owner_organisation_idx" ON "tracker_actions" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "tracker_actions_open_due_idx" ON "tracker_actions" USING btree ("due_on") WHERE "tracker_actions"."result" <> 'completed';--> statement-breakpoint
CREATE INDEX "tracker_actions_unowned_idx" ON "tracker_actions" USING btree ("source_id") WHERE "tracker_actions"."owner_person_id" is null and "tracker_actions"."owner_organisation_id" is null;--> statement-breakpoint
CREATE INDEX "tracker_key_points_recommendation_idx" ON "tracker_key_points" USING btree ("recommendation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_recommendations_number_key" ON "tracker_recommendations" USING btree ("source_id","number");--> statement-breakpoint
CREATE INDEX "tracker_recommendations_position_idx" ON "tracker_recommendations" USING btree ("source_id","position");--> statement-breakpoint
CREATE INDEX "tracker_reports_source_idx" ON "tracker_reports" USING btree ("source_id","as_of");--> statement-breakpoint
CREATE INDEX "tracker_sources_title_idx" ON "tracker_sources" USING btree ("title");--> statement-breakpoint
CREATE INDEX "tracker_sources_kind_idx" ON "tracker_sources" USING btree ("kind","title");--> statement-breakpoint
CREATE INDEX "tracker_sources_public_idx" ON "tracker_sources" USING btree ("title") WHERE "tracker_sources"."is_public";--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_sources_group_year_key" ON "tracker_sources" USING btree ("kind","group_id","covers_year") WHERE "tracker_sources"."group_id" is not null;--> statement-breakpoint
CREATE INDEX "tracker_sources_due_idx" ON "tracker_sources" USING btree ("due_on") WHERE "tracker_sources"."received_on" is null;--> statement-breakpoint
CREATE INDEX "tracker_updates_action_idx" ON "tracker_updates" USING btree ("action_id","recorded_at");--> statement-breakpoint
CREATE INDEX "tracker_updates_recommendation_idx" ON "tracker_updates" USING btree ("recommendation_id","recorded_at");--> statement-breakpoint
CREATE INDEX "tracker_updates_source_idx" ON "tracker_updates" USING btree ("source_id","recorded_at");