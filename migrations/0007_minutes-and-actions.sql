CREATE TYPE "public"."meeting_action_status" AS ENUM('open', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."advice_use" AS ENUM('used', 'partly_used', 'not_used', 'not_yet_known');--> statement-breakpoint
CREATE TYPE "public"."minutes_kind" AS ENUM('minutes', 'correction');--> statement-breakpoint
CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'approved');--> statement-breakpoint
CREATE TABLE "meeting_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"body_type" "meeting_body_type" NOT NULL,
	"body_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_person_id" uuid,
	"due_on" date,
	"status" "meeting_action_status" DEFAULT 'open' NOT NULL,
	"closed_at_meeting_id" uuid,
	"closed_note" text,
	"created_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minute_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"position" integer NOT NULL,
	"heading" text NOT NULL,
	"body" text NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minuted_advice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"use" "advice_use" NOT NULL,
	"rationale" text,
	"advice_request_id" uuid,
	"confidential" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" "minutes_kind" DEFAULT 'minutes' NOT NULL,
	"corrects_minutes_id" uuid,
	"status" "minutes_status" DEFAULT 'draft' NOT NULL,
	"drafted_by" uuid,
	"approved_at" timestamp with time zone,
	"approved_at_meeting_id" uuid,
	"approved_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_closed_at_meeting_id_meetings_id_fk" FOREIGN KEY ("closed_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minuted_advice" ADD CONSTRAINT "minuted_advice_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_corrects_minutes_id_minutes_id_fk" FOREIGN KEY ("corrects_minutes_id") REFERENCES "public"."minutes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_drafted_by_users_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_approved_at_meeting_id_meetings_id_fk" FOREIGN KEY ("approved_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_actions_body_status_idx" ON "meeting_actions" USING btree ("body_type","body_id","status","created_at");--> statement-breakpoint
CREATE INDEX "meeting_actions_meeting_idx" ON "meeting_actions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "minute_items_minutes_idx" ON "minute_items" USING btree ("minutes_id","position");--> statement-breakpoint
CREATE INDEX "minuted_advice_minutes_idx" ON "minuted_advice" USING btree ("minutes_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_one_per_meeting_key" ON "minutes" USING btree ("meeting_id") WHERE "minutes"."kind" = 'minutes';--> statement-breakpoint
CREATE INDEX "minutes_corrects_idx" ON "minutes" USING btree ("corrects_minutes_id");--> statement-breakpoint
CREATE INDEX "minutes_approved_at_meeting_idx" ON "minutes" USING btree ("approved_at_meeting_id");