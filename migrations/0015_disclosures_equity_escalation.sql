CREATE TYPE "public"."disclosure_kind" AS ENUM('document', 'decision_rationale');--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'disclosed';--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "disclosure_kind" NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"protocol" text NOT NULL,
	"terms" text NOT NULL,
	"disclosed_by" uuid,
	"disclosed_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "triage_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "nomination_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_disclosed_by_users_id_fk" FOREIGN KEY ("disclosed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_request_idx" ON "disclosures" USING btree ("request_id","disclosed_at");--> statement-breakpoint
CREATE INDEX "disclosures_deployment_idx" ON "disclosures" USING btree ("deployment_id","disclosed_at");--> statement-breakpoint
CREATE INDEX "advisor_profiles_experience_idx" ON "advisor_profiles" USING gin ("experience");--> statement-breakpoint
CREATE INDEX "deployments_period_idx" ON "deployments" USING btree ("deployed_on","group_id") WHERE "deployments"."status" = 'accepted';