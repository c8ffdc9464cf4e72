CREATE TABLE "good_practice_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"lessons" text,
	"theme" text NOT NULL,
	"borough_id" uuid,
	"source_kind" text,
	"source_id" uuid,
	"source_reference" text,
	"source_link" text,
	"contact_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce("good_practice_entries"."title", '') || ' ' || coalesce("good_practice_entries"."summary", ''))) STORED NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "good_practice_entries_theme" CHECK ("good_practice_entries"."theme" in ('engagement', 'consultation', 'crime-reduction', 'youth', 'victims-witnesses', 'hate-crime', 'custody-visiting', 'partnership-working', 'other')),
	CONSTRAINT "good_practice_entries_source_kind" CHECK ("good_practice_entries"."source_kind" in ('grant', 'partnership', 'training', 'other'))
);
--> statement-breakpoint
ALTER TABLE "good_practice_entries" ADD CONSTRAINT "good_practice_entries_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_practice_entries" ADD CONSTRAINT "good_practice_entries_contact_id_people_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_practice_entries" ADD CONSTRAINT "good_practice_entries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "good_practice_entries_recorded_idx" ON "good_practice_entries" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "good_practice_entries_search_idx" ON "good_practice_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "good_practice_entries_theme_idx" ON "good_practice_entries" USING btree ("theme","recorded_at");--> statement-breakpoint
CREATE INDEX "good_practice_entries_borough_idx" ON "good_practice_entries" USING btree ("borough_id","recorded_at");--> statement-breakpoint
CREATE INDEX "good_practice_entries_published_idx" ON "good_practice_entries" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "good_practice_entries_source_idx" ON "good_practice_entries" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "good_practice_entries_contact_idx" ON "good_practice_entries" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "good_practice_entries_recorded_by_idx" ON "good_practice_entries" USING btree ("recorded_by");
--> statement-breakpoint
CALL data_versions_count_table('good_practice_entries', 'good_practice');
