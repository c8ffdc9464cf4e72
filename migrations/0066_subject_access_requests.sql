CREATE TABLE "subject_access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"logged_by" uuid NOT NULL,
	"logged_at" timestamp with time zone NOT NULL,
	"identity_method" text,
	"identity_checked_by" uuid,
	"identity_checked_at" timestamp with time zone,
	"extension_months" integer DEFAULT 0 NOT NULL,
	"extension_reason" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"archive_storage_key" text,
	"archive_size_bytes" integer,
	"archive_sha256" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "subject_access_requests_extension" CHECK ("subject_access_requests"."extension_months" between 0 and 2)
);
--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_identity_checked_by_users_id_fk" FOREIGN KEY ("identity_checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_access_requests_due_idx" ON "subject_access_requests" USING btree ("answered_at","due_on");--> statement-breakpoint
CREATE INDEX "subject_access_requests_person_idx" ON "subject_access_requests" USING btree ("person_id");