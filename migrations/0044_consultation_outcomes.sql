CREATE TABLE "consultation_outcomes" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"you_said" text NOT NULL,
	"we_did" text NOT NULL,
	"decision_minute_item_id" uuid,
	"change_promised" boolean DEFAULT false NOT NULL,
	"tracker_source_id" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"updated_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_outcomes_promised_source" CHECK ("consultation_outcomes"."change_promised" = ("consultation_outcomes"."tracker_source_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "consultation_outcomes" ADD CONSTRAINT "consultation_outcomes_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_outcomes" ADD CONSTRAINT "consultation_outcomes_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_outcomes" ADD CONSTRAINT "consultation_outcomes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_outcomes_published_idx" ON "consultation_outcomes" USING btree ("published_at") WHERE "consultation_outcomes"."published_at" is not null;--> statement-breakpoint
CALL data_versions_count_table('consultation_outcomes', 'consultation');
