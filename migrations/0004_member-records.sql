CREATE TYPE "public"."clearance_level" AS ENUM('nppv1', 'nppv2', 'nppv3', 'sc', 'dv');--> statement-breakpoint
CREATE TYPE "public"."consulted_capacity" AS ENUM('chair', 'co_chair', 'deputy_chair');--> statement-breakpoint
CREATE TYPE "public"."police_attendee_role" AS ENUM('directorate_manager', 'strand_representative');--> statement-breakpoint
CREATE TABLE "access_exemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"approved_by" text NOT NULL,
	"approved_on" date NOT NULL,
	"expires_on" date,
	"reason" text NOT NULL,
	"revoked_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clearances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"level" "clearance_level" NOT NULL,
	"granted_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"required_by_id" uuid NOT NULL,
	"withdrawn_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clearances_dates_check" CHECK ("clearances"."granted_on" < "clearances"."expires_on")
);
--> statement-breakpoint
CREATE TABLE "commendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"awarded_on" date NOT NULL,
	"citation" text NOT NULL,
	"consulted_person_id" uuid NOT NULL,
	"consulted_capacity" "consulted_capacity" NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"declared_on" date NOT NULL,
	"interests" text,
	"independence_confirmed" boolean NOT NULL,
	"principles_confirmed" boolean NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "police_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"role" "police_attendee_role" NOT NULL,
	"person_id" uuid NOT NULL,
	"rank" text NOT NULL,
	"from_on" date NOT NULL,
	"until_on" date,
	"recorded_by" uuid
);
--> statement-breakpoint
ALTER TABLE "group_documents" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "group_documents" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "access_exemptions" ADD CONSTRAINT "access_exemptions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_exemptions" ADD CONSTRAINT "access_exemptions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearances" ADD CONSTRAINT "clearances_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearances" ADD CONSTRAINT "clearances_required_by_id_organisations_id_fk" FOREIGN KEY ("required_by_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearances" ADD CONSTRAINT "clearances_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_consulted_person_id_people_id_fk" FOREIGN KEY ("consulted_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_attendees" ADD CONSTRAINT "police_attendees_group_id_advisory_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_attendees" ADD CONSTRAINT "police_attendees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "police_attendees" ADD CONSTRAINT "police_attendees_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_exemptions_person_idx" ON "access_exemptions" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "clearances_person_idx" ON "clearances" USING btree ("person_id","expires_on");--> statement-breakpoint
CREATE INDEX "clearances_expiry_idx" ON "clearances" USING btree ("expires_on") WHERE "clearances"."withdrawn_on" is null;--> statement-breakpoint
CREATE INDEX "commendations_group_idx" ON "commendations" USING btree ("group_id","awarded_on");--> statement-breakpoint
CREATE INDEX "commendations_person_idx" ON "commendations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "declarations_person_idx" ON "declarations" USING btree ("person_id","declared_on");--> statement-breakpoint
CREATE UNIQUE INDEX "police_attendees_current_key" ON "police_attendees" USING btree ("group_id","role") WHERE "police_attendees"."until_on" is null;--> statement-breakpoint
ALTER TABLE "group_documents" ADD CONSTRAINT "group_documents_owner_id_organisations_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "group_documents_code_key" ON "group_documents" USING btree ("code");--> statement-breakpoint
CREATE INDEX "group_documents_review_idx" ON "group_documents" USING btree ("kind","review_due");