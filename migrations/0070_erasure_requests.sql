CREATE TABLE "erasure_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"asked" text,
	"logged_by" uuid NOT NULL,
	"logged_at" timestamp with time zone NOT NULL,
	"extension_months" integer DEFAULT 0 NOT NULL,
	"extension_reason" text,
	"extended_at" timestamp with time zone,
	"decision" text,
	"decision_reasons" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"erased_counts" jsonb,
	"carried_out_by" uuid,
	"carried_out_at" timestamp with time zone,
	"corrections" text,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "erasure_requests_kind" CHECK ("erasure_requests"."kind" in ('erase', 'correct')),
	CONSTRAINT "erasure_requests_decision" CHECK ("erasure_requests"."decision" is null or "erasure_requests"."decision" in ('agreed', 'agreed_in_part', 'refused')),
	CONSTRAINT "erasure_requests_extension" CHECK ("erasure_requests"."extension_months" between 0 and 2)
);
--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_carried_out_by_users_id_fk" FOREIGN KEY ("carried_out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erasure_requests_due_idx" ON "erasure_requests" USING btree ("closed_at","due_on");--> statement-breakpoint
CREATE INDEX "erasure_requests_person_idx" ON "erasure_requests" USING btree ("person_id");