CREATE TABLE "stop_search_boundaries" (
	"borough_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_longitude" double precision NOT NULL,
	"min_latitude" double precision NOT NULL,
	"max_longitude" double precision NOT NULL,
	"max_latitude" double precision NOT NULL,
	CONSTRAINT "stop_search_boundaries_box" CHECK ("stop_search_boundaries"."min_longitude" <= "stop_search_boundaries"."max_longitude" and "stop_search_boundaries"."min_latitude" <= "stop_search_boundaries"."max_latitude")
);
--> statement-breakpoint
CREATE TABLE "stop_search_population" (
	"borough_id" uuid NOT NULL,
	"ethnic_group" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "stop_search_population_borough_id_ethnic_group_pk" PRIMARY KEY("borough_id","ethnic_group"),
	CONSTRAINT "stop_search_population_group" CHECK ("stop_search_population"."ethnic_group" in ('white', 'black', 'asian', 'mixed', 'other')),
	CONSTRAINT "stop_search_population_people" CHECK ("stop_search_population"."people" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stop_search_reference_files" (
	"kind" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"source" text,
	"as_of" date,
	"boroughs" integer NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"placed_at" timestamp with time zone,
	"loaded_by" uuid,
	"loaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stop_search_reference_files_kind" CHECK ("stop_search_reference_files"."kind" in ('boundaries', 'population'))
);
--> statement-breakpoint
ALTER TABLE "stop_search_boundaries" ADD CONSTRAINT "stop_search_boundaries_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_search_population" ADD CONSTRAINT "stop_search_population_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_search_reference_files" ADD CONSTRAINT "stop_search_reference_files_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CALL data_versions_count_table('stop_search_boundaries', 'stop_search');--> statement-breakpoint
CALL data_versions_count_table('stop_search_population', 'stop_search');--> statement-breakpoint
CALL data_versions_count_table('stop_search_reference_files', 'stop_search');
