ALTER TYPE "public"."meeting_body_type" ADD VALUE 'consultation_board';--> statement-breakpoint
CREATE TABLE "consultation_board_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"side" text NOT NULL,
	"role" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_board_members_side" CHECK ("consultation_board_members"."side" in ('authority', 'police')),
	CONSTRAINT "consultation_board_members_role" CHECK ("consultation_board_members"."role" in ('chair', 'member')),
	CONSTRAINT "consultation_board_members_dates" CHECK ("consultation_board_members"."to_on" is null or "consultation_board_members"."to_on" >= "consultation_board_members"."from_on")
);
--> statement-breakpoint
CREATE TABLE "consultation_board_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"minute_item_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"singleton" boolean DEFAULT true NOT NULL,
	"name" text NOT NULL,
	"remit" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_boards_one" CHECK ("consultation_boards"."singleton")
);
--> statement-breakpoint
CREATE TABLE "consultation_measure_years" (
	"measure_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"target" numeric(14, 2),
	"actual" numeric(14, 2),
	"note" text,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_measure_years_measure_id_start_year_pk" PRIMARY KEY("measure_id","start_year")
);
--> statement-breakpoint
CREATE TABLE "consultation_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"counts" text NOT NULL,
	"unit" text NOT NULL,
	"higher_is_better" boolean NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_board_members" ADD CONSTRAINT "consultation_board_members_board_id_consultation_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."consultation_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_board_members" ADD CONSTRAINT "consultation_board_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_board_reviews" ADD CONSTRAINT "consultation_board_reviews_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_board_reviews" ADD CONSTRAINT "consultation_board_reviews_minute_item_id_minute_items_id_fk" FOREIGN KEY ("minute_item_id") REFERENCES "public"."minute_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_board_reviews" ADD CONSTRAINT "consultation_board_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_measure_years" ADD CONSTRAINT "consultation_measure_years_measure_id_consultation_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."consultation_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_board_members_board_idx" ON "consultation_board_members" USING btree ("board_id","to_on");--> statement-breakpoint
CREATE INDEX "consultation_board_members_person_idx" ON "consultation_board_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_board_reviews_consultation_key" ON "consultation_board_reviews" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_boards_singleton_key" ON "consultation_boards" USING btree ("singleton");--> statement-breakpoint
CREATE INDEX "consultation_measure_years_year_idx" ON "consultation_measure_years" USING btree ("start_year");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_measures_name_key" ON "consultation_measures" USING btree (lower("name"));--> statement-breakpoint
CALL data_versions_count_table('consultation_boards', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_board_members', 'members');
--> statement-breakpoint
CALL data_versions_count_table('consultation_board_reviews', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_measures', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_measure_years', 'consultation');
