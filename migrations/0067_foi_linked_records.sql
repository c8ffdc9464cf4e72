CREATE TABLE "foi_linked_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "foi_linked_records_type" CHECK ("foi_linked_records"."record_type" in ('advisory-group', 'meeting', 'advice-request'))
);
--> statement-breakpoint
ALTER TABLE "foi_linked_records" ADD CONSTRAINT "foi_linked_records_request_id_foi_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."foi_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_linked_records" ADD CONSTRAINT "foi_linked_records_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "foi_linked_records_key" ON "foi_linked_records" USING btree ("request_id","record_type","record_id");--> statement-breakpoint
CREATE INDEX "foi_linked_records_record_idx" ON "foi_linked_records" USING btree ("record_type","record_id");