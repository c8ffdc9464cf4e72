CREATE TABLE "stop_search_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" date NOT NULL,
	"file_name" text NOT NULL,
	"searches" integer NOT NULL,
	"imports" integer DEFAULT 1 NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stop_search_imports_first_day" CHECK (extract(day from "stop_search_imports"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "stop_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"month" date NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"part_of_operation" boolean,
	"operation" text,
	"latitude" double precision,
	"longitude" double precision,
	"borough_id" uuid,
	"gender" text,
	"age_range" text,
	"self_defined_ethnicity" text,
	"self_defined_group" text,
	"officer_defined_ethnicity" text,
	"legislation" text,
	"object_of_search" text,
	"outcome" text,
	"outcome_linked" boolean,
	"removal_of_clothing" boolean,
	CONSTRAINT "stop_searches_self_defined_group" CHECK ("stop_searches"."self_defined_group" in ('white', 'black', 'asian', 'mixed', 'other')),
	CONSTRAINT "stop_searches_location" CHECK (("stop_searches"."latitude" is null) = ("stop_searches"."longitude" is null))
);
--> statement-breakpoint
ALTER TABLE "stop_search_imports" ADD CONSTRAINT "stop_search_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_searches" ADD CONSTRAINT "stop_searches_import_id_stop_search_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."stop_search_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_searches" ADD CONSTRAINT "stop_searches_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stop_search_imports_month_key" ON "stop_search_imports" USING btree ("month");--> statement-breakpoint
CREATE INDEX "stop_searches_import_idx" ON "stop_searches" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "stop_searches_month_idx" ON "stop_searches" USING btree ("month");--> statement-breakpoint
CREATE INDEX "stop_searches_borough_month_idx" ON "stop_searches" USING btree ("borough_id","month");--> statement-breakpoint
CALL data_versions_count_table('stop_search_imports', 'stop_search');
