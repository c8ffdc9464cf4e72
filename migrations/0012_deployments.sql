CREATE TYPE "public"."arrangement_owner" AS ENUM('ctset', 'coordination_unit');--> statement-breakpoint
CREATE TYPE "public"."deployment_status" AS ENUM('nominated', 'accepted', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."experience_area" AS ENUM('race', 'faith', 'disability', 'lgbt', 'youth', 'gypsy_traveller', 'women', 'older_people', 'mental_health', 'hate_crime', 'stop_and_search', 'critical_incidents', 'counter_terrorism', 'domestic_abuse', 'missing_people', 'public_order');--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'nominated';--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'accepted';--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'advisor_declined';--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'arranged';--> statement-breakpoint
ALTER TYPE "public"."advice_request_status" ADD VALUE 'deployed';--> statement-breakpoint
CREATE TABLE "advice_conflicts" (
	"request_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advice_conflicts_request_id_person_id_pk" PRIMARY KEY("request_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "advisor_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"experience" "experience_area"[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisor_unavailability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisor_unavailability_dates_check" CHECK ("advisor_unavailability"."starts_on" <= "advisor_unavailability"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "deployment_status" DEFAULT 'nominated' NOT NULL,
	"deployed_on" date NOT NULL,
	"nominated_by" uuid,
	"nominated_at" timestamp with time zone NOT NULL,
	"nomination_reason" text NOT NULL,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"arrangement_owner" "arrangement_owner" NOT NULL,
	"arranged_at" timestamp with time zone,
	"arranged_by" uuid,
	"arrangements" text
);
--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "experience_needed" "experience_area"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "advice_conflicts" ADD CONSTRAINT "advice_conflicts_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_conflicts" ADD CONSTRAINT "advice_conflicts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_conflicts" ADD CONSTRAINT "advice_conflicts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_profiles" ADD CONSTRAINT "advisor_profiles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_unavailability" ADD CONSTRAINT "advisor_unavailability_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_arranged_by_users_id_fk" FOREIGN KEY ("arranged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisor_unavailability_person_idx" ON "advisor_unavailability" USING btree ("person_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_one_active_key" ON "deployments" USING btree ("request_id","person_id") WHERE "deployments"."status" in ('nominated', 'accepted');--> statement-breakpoint
CREATE INDEX "deployments_request_idx" ON "deployments" USING btree ("request_id","nominated_at");--> statement-breakpoint
CREATE INDEX "deployments_load_idx" ON "deployments" USING btree ("person_id","deployed_on") WHERE "deployments"."status" in ('nominated', 'accepted');--> statement-breakpoint
CREATE INDEX "deployments_person_idx" ON "deployments" USING btree ("person_id","nominated_at");--> statement-breakpoint
CREATE INDEX "deployments_arrangement_idx" ON "deployments" USING btree ("arrangement_owner","nominated_at") WHERE "deployments"."arranged_at" is null and "deployments"."status" in ('nominated', 'accepted');