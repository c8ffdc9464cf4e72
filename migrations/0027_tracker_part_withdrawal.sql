ALTER TABLE "tracker_parts" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracker_parts" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "tracker_parts" ADD CONSTRAINT "tracker_parts_withdrawn_check" CHECK (("tracker_parts"."withdrawn_at" is null) = ("tracker_parts"."withdrawn_reason" is null));