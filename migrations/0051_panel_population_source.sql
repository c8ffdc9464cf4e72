CREATE TABLE "consultation_panel_population_source" (
	"id" text PRIMARY KEY DEFAULT 'current' NOT NULL,
	"source" text NOT NULL,
	"as_of" date NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL,
	"replaced_by" uuid,
	CONSTRAINT "consultation_panel_population_source_one" CHECK ("consultation_panel_population_source"."id" = 'current')
);
--> statement-breakpoint
ALTER TABLE "consultation_panel_population_source" ADD CONSTRAINT "consultation_panel_population_source_replaced_by_users_id_fk" FOREIGN KEY ("replaced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The rows here were population.json's, loaded on first use: the file is the default again until an officer replaces the figures.
DELETE FROM "consultation_panel_population";
--> statement-breakpoint
CALL data_versions_count_table('consultation_panel_population_source', 'consultation');
