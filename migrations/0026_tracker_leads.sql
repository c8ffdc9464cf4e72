CREATE TABLE "tracker_leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_point_id" uuid,
	"action_id" uuid,
	"person_id" uuid,
	"organisation_id" uuid,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracker_leads_of_check" CHECK (("tracker_leads"."key_point_id" is null) <> ("tracker_leads"."action_id" is null)),
	CONSTRAINT "tracker_leads_who_check" CHECK (("tracker_leads"."person_id" is null) <> ("tracker_leads"."organisation_id" is null))
);
--> statement-breakpoint
ALTER TABLE "tracker_actions" DROP CONSTRAINT "tracker_actions_owner_check";--> statement-breakpoint
ALTER TABLE "tracker_key_points" DROP CONSTRAINT "tracker_key_points_lead_check";--> statement-breakpoint
ALTER TABLE "tracker_actions" DROP CONSTRAINT "tracker_actions_owner_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "tracker_actions" DROP CONSTRAINT "tracker_actions_owner_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "tracker_key_points" DROP CONSTRAINT "tracker_key_points_lead_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "tracker_key_points" DROP CONSTRAINT "tracker_key_points_lead_organisation_id_organisations_id_fk";
--> statement-breakpoint
DROP INDEX "tracker_actions_owner_person_idx";--> statement-breakpoint
DROP INDEX "tracker_actions_owner_organisation_idx";--> statement-breakpoint
DROP INDEX "tracker_actions_unowned_idx";--> statement-breakpoint
ALTER TABLE "tracker_leads" ADD CONSTRAINT "tracker_leads_key_point_id_tracker_key_points_id_fk" FOREIGN KEY ("key_point_id") REFERENCES "public"."tracker_key_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_leads" ADD CONSTRAINT "tracker_leads_action_id_tracker_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."tracker_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_leads" ADD CONSTRAINT "tracker_leads_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_leads" ADD CONSTRAINT "tracker_leads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_leads_key_point_person_key" ON "tracker_leads" USING btree ("key_point_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_leads_key_point_organisation_key" ON "tracker_leads" USING btree ("key_point_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_leads_action_person_key" ON "tracker_leads" USING btree ("action_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_leads_action_organisation_key" ON "tracker_leads" USING btree ("action_id","organisation_id");--> statement-breakpoint
CREATE INDEX "tracker_leads_person_idx" ON "tracker_leads" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "tracker_leads_organisation_idx" ON "tracker_leads" USING btree ("organisation_id");--> statement-breakpoint
-- Each key point's lead and each action's owner, as they were (one each, a person or an
-- organisation), become the first of its leads or owners.
INSERT INTO "tracker_leads" ("key_point_id", "person_id", "organisation_id", "position", "created_at")
  SELECT "id", "lead_person_id", "lead_organisation_id", 1, "created_at" FROM "tracker_key_points"
  WHERE "lead_person_id" IS NOT NULL OR "lead_organisation_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "tracker_leads" ("action_id", "person_id", "organisation_id", "position", "created_at")
  SELECT "id", "owner_person_id", "owner_organisation_id", 1, "created_at" FROM "tracker_actions"
  WHERE "owner_person_id" IS NOT NULL OR "owner_organisation_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "tracker_actions" DROP COLUMN "owner_person_id";--> statement-breakpoint
ALTER TABLE "tracker_actions" DROP COLUMN "owner_organisation_id";--> statement-breakpoint
ALTER TABLE "tracker_key_points" DROP COLUMN "lead_person_id";--> statement-breakpoint
ALTER TABLE "tracker_key_points" DROP COLUMN "lead_organisation_id";--> statement-breakpoint
-- Leads and owners are counted with the tracker's other tables (ADR 0009).
CALL data_versions_count_table('tracker_leads', 'tracker');
