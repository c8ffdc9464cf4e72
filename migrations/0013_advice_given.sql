CREATE TYPE "public"."advice_outcome" AS ENUM('used', 'partly_used', 'not_used');--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'advice_given';--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'outcome_recorded';--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'question_asked';--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'question_answered';--> statement-breakpoint
CREATE TABLE "advice_given" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"given_on" date NOT NULL,
	"summary" text NOT NULL,
	"independent" boolean NOT NULL,
	"independence_basis" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"outcome" "advice_outcome",
	"outcome_reason" text,
	"outcome_by" uuid,
	"outcome_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "advice_request_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_by" uuid,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "advice_given" ADD CONSTRAINT "advice_given_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_given" ADD CONSTRAINT "advice_given_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_given" ADD CONSTRAINT "advice_given_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_given" ADD CONSTRAINT "advice_given_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_given" ADD CONSTRAINT "advice_given_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_given" ADD CONSTRAINT "advice_given_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request_questions" ADD CONSTRAINT "advice_request_questions_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request_questions" ADD CONSTRAINT "advice_request_questions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request_questions" ADD CONSTRAINT "advice_request_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advice_given_deployment_key" ON "advice_given" USING btree ("deployment_id");--> statement-breakpoint
CREATE INDEX "advice_given_request_idx" ON "advice_given" USING btree ("request_id","given_on");--> statement-breakpoint
CREATE INDEX "advice_given_group_idx" ON "advice_given" USING btree ("group_id","given_on");--> statement-breakpoint
CREATE INDEX "advice_request_questions_request_idx" ON "advice_request_questions" USING btree ("request_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_request_questions_open_key" ON "advice_request_questions" USING btree ("request_id") WHERE "advice_request_questions"."answered_at" is null;