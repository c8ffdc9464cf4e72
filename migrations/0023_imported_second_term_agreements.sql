ALTER TABLE "reappointments" ADD COLUMN "recorded_agreed_on" date;--> statement-breakpoint
ALTER TABLE "reappointments" ADD COLUMN "recorded_chair" text;--> statement-breakpoint
ALTER TABLE "reappointments" ADD COLUMN "recorded_director" text;