CREATE TYPE "public"."advice_offer_kind" AS ENUM('serious_crime', 'critical_incident');--> statement-breakpoint
CREATE TYPE "public"."advice_offer_response" AS ENUM('awaiting', 'taken_up', 'declined');--> statement-breakpoint
CREATE TABLE "advice_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "advice_offer_kind" NOT NULL,
	"incident" text NOT NULL,
	"operation" text,
	"sio_name" text NOT NULL,
	"sio_contact" text,
	"offered_on" date NOT NULL,
	"offered_by" uuid,
	"response" "advice_offer_response" DEFAULT 'awaiting' NOT NULL,
	"note" text,
	"request_id" uuid,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "advice_offers" ADD CONSTRAINT "advice_offers_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_offers" ADD CONSTRAINT "advice_offers_request_id_advice_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."advice_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_offers" ADD CONSTRAINT "advice_offers_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_offers_response_idx" ON "advice_offers" USING btree ("response","offered_on");