CREATE TYPE "public"."advice_request_event_kind" AS ENUM('submitted', 'routed', 'declined');--> statement-breakpoint
CREATE TYPE "public"."advice_request_status" AS ENUM('awaiting_triage', 'routed', 'declined');--> statement-breakpoint
CREATE TYPE "public"."advice_urgency" AS ENUM('urgent', 'routine');--> statement-breakpoint
CREATE TABLE "advice_request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" "advice_request_event_kind" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advice_request_routes" (
	"request_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"routed_by" uuid,
	"routed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advice_request_routes_request_id_group_id_pk" PRIMARY KEY("request_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "advice_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" integer GENERATED ALWAYS AS IDENTITY (sequence name "advice_requests_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"requested_by" uuid NOT NULL,
	"subject" text NOT NULL,
	"details" text NOT NULL,
	"operation" text,
	"serious_or_critical" boolean NOT NULL,
	"urgency" "advice_urgency" NOT NULL,
	"communities" text NOT NULL,
	"location" text,
	"needed_from" date NOT NULL,
	"needed_until" date,
	"clearance_needed" "clearance_level",
	"advisors_wanted" integer DEFAULT 1 NOT NULL,
	"status" "advice_request_status" DEFAULT 'awaiting_triage' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"triaged_by" uuid,
	"triaged_at" timestamp with time zone,
	"decline_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "advice_requests_reference_unique" UNIQUE("reference"),
	CONSTRAINT "advice_requests_advisors_wanted_check" CHECK ("advice_requests"."advisors_wanted" between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "advice_request_events" ADD CONSTRAINT "advice_request_events_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request_events" ADD CONSTRAINT "advice_request_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request_routes" ADD CONSTRAINT "advice_request_routes_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request_routes" ADD CONSTRAINT "advice_request_routes_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_request_routes" ADD CONSTRAINT "advice_request_routes_routed_by_users_id_fk" FOREIGN KEY ("routed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD CONSTRAINT "advice_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD CONSTRAINT "advice_requests_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_request_events_request_idx" ON "advice_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "advice_request_routes_group_idx" ON "advice_request_routes" USING btree ("group_id","routed_at");--> statement-breakpoint
CREATE INDEX "advice_requests_queue_idx" ON "advice_requests" USING btree ("status","urgency","submitted_at");--> statement-breakpoint
CREATE INDEX "advice_requests_requester_idx" ON "advice_requests" USING btree ("requested_by","submitted_at");