CREATE TABLE "workforce_counts" (
	"snapshot_id" uuid NOT NULL,
	"workforce" text NOT NULL,
	"rank_band" text NOT NULL,
	"sex" text NOT NULL,
	"ethnic_group" text NOT NULL,
	"headcount" integer NOT NULL,
	CONSTRAINT "workforce_counts_snapshot_id_workforce_rank_band_sex_ethnic_group_pk" PRIMARY KEY("snapshot_id","workforce","rank_band","sex","ethnic_group"),
	CONSTRAINT "workforce_counts_workforce" CHECK ("workforce_counts"."workforce" in ('officer', 'staff', 'pcso')),
	CONSTRAINT "workforce_counts_rank_band" CHECK ("workforce_counts"."rank_band" in ('constable', 'sergeant', 'inspector', 'superintendent', 'staff_junior', 'staff_middle', 'staff_senior', 'pcso')),
	CONSTRAINT "workforce_counts_band_of_workforce" CHECK (("workforce_counts"."workforce" = 'officer' and "workforce_counts"."rank_band" in ('constable', 'sergeant', 'inspector', 'superintendent')) or ("workforce_counts"."workforce" = 'staff' and "workforce_counts"."rank_band" in ('staff_junior', 'staff_middle', 'staff_senior')) or ("workforce_counts"."workforce" = 'pcso' and "workforce_counts"."rank_band" in ('pcso'))),
	CONSTRAINT "workforce_counts_sex" CHECK ("workforce_counts"."sex" in ('female', 'male')),
	CONSTRAINT "workforce_counts_ethnic_group" CHECK ("workforce_counts"."ethnic_group" in ('asian', 'black', 'mixed', 'white', 'other', 'not_stated')),
	CONSTRAINT "workforce_counts_headcount" CHECK ("workforce_counts"."headcount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "workforce_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"as_at" date NOT NULL,
	"source" text NOT NULL,
	"file_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workforce_snapshots_source" CHECK ("workforce_snapshots"."source" in ('typed', 'imported'))
);
--> statement-breakpoint
ALTER TABLE "workforce_counts" ADD CONSTRAINT "workforce_counts_snapshot_id_workforce_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."workforce_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_snapshots" ADD CONSTRAINT "workforce_snapshots_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workforce_snapshots_as_at_key" ON "workforce_snapshots" USING btree ("as_at");--> statement-breakpoint
CALL data_versions_count_table('workforce_snapshots', 'workforce');--> statement-breakpoint
CALL data_versions_count_table('workforce_counts', 'workforce');
