CREATE TYPE "public"."advice_document_purpose" AS ENUM('to_share', 'advice');--> statement-breakpoint
ALTER TYPE "public"."advice_request_event_kind" ADD VALUE 'document_added';--> statement-breakpoint
CREATE TABLE "advice_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"purpose" "advice_document_purpose" NOT NULL,
	"advice_id" uuid,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "advice_documents_advice_check" CHECK (("advice_documents"."purpose" = 'advice') = ("advice_documents"."advice_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "document_id" uuid;--> statement-breakpoint
ALTER TABLE "advice_documents" ADD CONSTRAINT "advice_documents_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_documents" ADD CONSTRAINT "advice_documents_advice_id_advice_given_id_fk" FOREIGN KEY ("advice_id") REFERENCES "public"."advice_given"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_documents" ADD CONSTRAINT "advice_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_documents_request_idx" ON "advice_documents" USING btree ("request_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "advice_documents_advice_idx" ON "advice_documents" USING btree ("advice_id");--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_document_id_advice_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."advice_documents"("id") ON DELETE no action ON UPDATE no action;