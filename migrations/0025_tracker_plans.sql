ALTER TYPE "public"."tracker_action_result" ADD VALUE 'not_started';--> statement-breakpoint
CREATE TABLE "tracker_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tracker_updates" DROP CONSTRAINT "tracker_updates_kind_check";--> statement-breakpoint
ALTER TABLE "tracker_updates" DROP CONSTRAINT "tracker_updates_shape_check";--> statement-breakpoint
DROP INDEX "tracker_recommendations_number_key";--> statement-breakpoint
ALTER TABLE "tracker_actions" ALTER COLUMN "key_point_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tracker_updates" ALTER COLUMN "recommendation_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "tracker_key_points" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "tracker_key_points" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracker_key_points" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "tracker_recommendations" ADD COLUMN "part_id" uuid;--> statement-breakpoint
ALTER TABLE "tracker_recommendations" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracker_recommendations" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD COLUMN "introduction" text;--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD COLUMN "happened_on" date;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD COLUMN "changes" jsonb;--> statement-breakpoint
ALTER TABLE "tracker_parts" ADD CONSTRAINT "tracker_parts_source_id_tracker_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."tracker_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tracker_parts_source_idx" ON "tracker_parts" USING btree ("source_id","position");--> statement-breakpoint
ALTER TABLE "tracker_recommendations" ADD CONSTRAINT "tracker_recommendations_part_id_tracker_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."tracker_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tracker_actions_recommendation_idx" ON "tracker_actions" USING btree ("recommendation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_actions_key_point_number_key" ON "tracker_actions" USING btree ("key_point_id","number") WHERE "tracker_actions"."number" is not null and "tracker_actions"."key_point_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_actions_recommendation_number_key" ON "tracker_actions" USING btree ("recommendation_id","number") WHERE "tracker_actions"."number" is not null and "tracker_actions"."key_point_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_key_points_number_key" ON "tracker_key_points" USING btree ("recommendation_id","number") WHERE "tracker_key_points"."number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_recommendations_part_number_key" ON "tracker_recommendations" USING btree ("part_id","number") WHERE "tracker_recommendations"."part_id" is not null;--> statement-breakpoint
CREATE INDEX "tracker_recommendations_part_idx" ON "tracker_recommendations" USING btree ("part_id","position");--> statement-breakpoint
CREATE INDEX "tracker_updates_subject_idx" ON "tracker_updates" USING btree ("subject_id","recorded_at") WHERE "tracker_updates"."subject_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_recommendations_number_key" ON "tracker_recommendations" USING btree ("source_id","number") WHERE "tracker_recommendations"."part_id" is null;--> statement-breakpoint
ALTER TABLE "tracker_actions" ADD CONSTRAINT "tracker_actions_withdrawn_check" CHECK (("tracker_actions"."withdrawn_at" is null) = ("tracker_actions"."withdrawn_reason" is null));--> statement-breakpoint
ALTER TABLE "tracker_key_points" ADD CONSTRAINT "tracker_key_points_withdrawn_check" CHECK (("tracker_key_points"."withdrawn_at" is null) = ("tracker_key_points"."withdrawn_reason" is null));--> statement-breakpoint
ALTER TABLE "tracker_recommendations" ADD CONSTRAINT "tracker_recommendations_withdrawn_check" CHECK (("tracker_recommendations"."withdrawn_at" is null) = ("tracker_recommendations"."withdrawn_reason" is null));--> statement-breakpoint
ALTER TABLE "tracker_sources" ADD CONSTRAINT "tracker_sources_withdrawn_check" CHECK (("tracker_sources"."withdrawn_at" is null) = ("tracker_sources"."withdrawn_reason" is null));--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD CONSTRAINT "tracker_updates_withdrawn_check" CHECK ("tracker_updates"."kind" <> 'withdrawn' or "tracker_updates"."rationale" is not null);--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD CONSTRAINT "tracker_updates_kind_check" CHECK ("tracker_updates"."kind" in ('imported', 'added', 'progress', 'standing', 'edited', 'withdrawn', 'removed'));--> statement-breakpoint
ALTER TABLE "tracker_updates" ADD CONSTRAINT "tracker_updates_shape_check" CHECK (("tracker_updates"."kind" in ('imported', 'added', 'progress')) = ("tracker_updates"."result" is not null) and ("tracker_updates"."kind" in ('imported', 'added', 'progress') = ("tracker_updates"."action_id" is not null) or "tracker_updates"."kind" in ('edited', 'withdrawn')) and ("tracker_updates"."kind" = 'standing') = ("tracker_updates"."standing" is not null) and ("tracker_updates"."kind" <> 'standing' or "tracker_updates"."recommendation_id" is not null) and ("tracker_updates"."kind" in ('edited', 'withdrawn', 'removed')) = ("tracker_updates"."subject" is not null and "tracker_updates"."subject_id" is not null));--> statement-breakpoint
-- A source's parts are counted with the tracker's other tables (ADR 0009).
CALL data_versions_count_table('tracker_parts', 'tracker');
