CREATE TABLE "consultation_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"what" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"spent_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_costs_amount" CHECK ("consultation_costs"."amount_pence" > 0 and "consultation_costs"."amount_pence" <= 100000000)
);
--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "approval_cleared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "approval_cleared_minute_item_id" uuid;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "approval_cleared_changes" text[];--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "borough_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_costs" ADD CONSTRAINT "consultation_costs_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_costs" ADD CONSTRAINT "consultation_costs_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_costs_consultation_idx" ON "consultation_costs" USING btree ("consultation_id","spent_on");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_approval_cleared_minute_item_id_minute_items_id_fk" FOREIGN KEY ("approval_cleared_minute_item_id") REFERENCES "public"."minute_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_borough_report_idx" ON "consultations" USING btree ("opens_on","borough_id") WHERE "consultations"."launched_at" is not null;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_approval_cleared_changes" CHECK ("consultations"."approval_cleared_changes" <@ array['purpose', 'audience', 'borough', 'dates', 'major', 'questionnaire']::text[]);--> statement-breakpoint
CALL data_versions_count_table('consultation_costs', 'consultation');
