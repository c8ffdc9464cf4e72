CREATE TABLE "foi_answer_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"outcome" text NOT NULL,
	"exemption" text,
	"exemption_name" text,
	CONSTRAINT "foi_answer_parts_outcome" CHECK ("foi_answer_parts"."outcome" in ('released', 'withheld-in-part', 'withheld-in-full')),
	CONSTRAINT "foi_answer_parts_exemption" CHECK ("foi_answer_parts"."outcome" = 'released' or "foi_answer_parts"."exemption" is not null)
);
--> statement-breakpoint
CREATE TABLE "foi_clock_stops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"stopped_on" date NOT NULL,
	"restarted_on" date,
	"recorded_by" uuid,
	CONSTRAINT "foi_clock_stops_reason" CHECK ("foi_clock_stops"."reason" in ('fee', 'clarification'))
);
--> statement-breakpoint
CREATE TABLE "foi_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"confirmed_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "foi_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"new_date" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "foi_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "foi_requests_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"received_at" timestamp with time zone NOT NULL,
	"received_on" date NOT NULL,
	"receipt_moved" text,
	"requester_name" text NOT NULL,
	"requester_contact" text NOT NULL,
	"channel" text NOT NULL,
	"asked" text NOT NULL,
	"due_on" date,
	"clock_stopped" boolean DEFAULT false NOT NULL,
	"answered_on" date,
	"on_time" boolean,
	"answer_note" text,
	"review_requested_on" date,
	"review_decided_on" date,
	"review_outcome" text,
	"complaint_made_on" date,
	"complaint_decided_on" date,
	"complaint_outcome" text,
	"public_summary" text,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "foi_requests_channel" CHECK ("foi_requests"."channel" in ('email', 'letter', 'web-form', 'other')),
	CONSTRAINT "foi_requests_review_outcome" CHECK ("foi_requests"."review_outcome" is null or "foi_requests"."review_outcome" in ('upheld', 'partly-upheld', 'overturned', 'withdrawn')),
	CONSTRAINT "foi_requests_complaint_outcome" CHECK ("foi_requests"."complaint_outcome" is null or "foi_requests"."complaint_outcome" in ('upheld', 'partly-upheld', 'overturned', 'withdrawn')),
	CONSTRAINT "foi_requests_published_answered" CHECK ("foi_requests"."published_at" is null or "foi_requests"."answered_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "foi_answer_parts" ADD CONSTRAINT "foi_answer_parts_request_id_foi_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."foi_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_clock_stops" ADD CONSTRAINT "foi_clock_stops_request_id_foi_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."foi_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_clock_stops" ADD CONSTRAINT "foi_clock_stops_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_documents" ADD CONSTRAINT "foi_documents_request_id_foi_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."foi_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_documents" ADD CONSTRAINT "foi_documents_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_extensions" ADD CONSTRAINT "foi_extensions_request_id_foi_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."foi_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_extensions" ADD CONSTRAINT "foi_extensions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_linked_records" ADD CONSTRAINT "foi_linked_records_request_id_foi_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."foi_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_linked_records" ADD CONSTRAINT "foi_linked_records_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_requests" ADD CONSTRAINT "foi_requests_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_requests" ADD CONSTRAINT "foi_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "foi_answer_parts_request_idx" ON "foi_answer_parts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "foi_clock_stops_request_idx" ON "foi_clock_stops" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "foi_documents_request_idx" ON "foi_documents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "foi_extensions_request_idx" ON "foi_extensions" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "foi_linked_records_key" ON "foi_linked_records" USING btree ("request_id","record_type","record_id");--> statement-breakpoint
CREATE INDEX "foi_linked_records_record_idx" ON "foi_linked_records" USING btree ("record_type","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "foi_requests_number_key" ON "foi_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "foi_requests_due_on_idx" ON "foi_requests" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "foi_requests_answered_on_idx" ON "foi_requests" USING btree ("answered_on");--> statement-breakpoint
CREATE INDEX "foi_requests_received_at_idx" ON "foi_requests" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "foi_requests_published_at_idx" ON "foi_requests" USING btree ("published_at");--> statement-breakpoint
CALL data_versions_count_table('foi_requests', 'foi');
--> statement-breakpoint
CALL data_versions_count_table('foi_answer_parts', 'foi');
--> statement-breakpoint
CALL data_versions_count_table('foi_documents', 'foi');
