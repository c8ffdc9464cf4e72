CREATE TABLE "bank_holiday_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"data" jsonb NOT NULL,
	"first_year" integer NOT NULL,
	"last_year" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reappointments" ADD COLUMN "recorded_agreed_on" date;--> statement-breakpoint
ALTER TABLE "reappointments" ADD COLUMN "recorded_chair" text;--> statement-breakpoint
ALTER TABLE "reappointments" ADD COLUMN "recorded_director" text;--> statement-breakpoint
ALTER TABLE "reappointments" ADD COLUMN "continues_imported_service" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_holiday_uploads" ADD CONSTRAINT "bank_holiday_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_holiday_uploads_at_idx" ON "bank_holiday_uploads" USING btree ("uploaded_at");