ALTER TABLE "consultations" ADD COLUMN "closed_early_reason" text;--> statement-breakpoint
CREATE INDEX "consultations_drafts_idx" ON "consultations" USING btree ("opens_on") WHERE "consultations"."launched_at" is null;--> statement-breakpoint
CREATE INDEX "consultations_running_idx" ON "consultations" USING btree ("closes_on","opens_on") WHERE "consultations"."launched_at" is not null and "consultations"."closed_early_at" is null;--> statement-breakpoint
CREATE INDEX "consultations_audience_idx" ON "consultations" USING btree ("audience","opens_on");