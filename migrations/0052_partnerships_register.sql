CREATE TABLE "partnership_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"figure" text,
	"link" text,
	"created_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_records_kind" CHECK ("partnership_records"."kind" in ('audit', 'strategy', 'target', 'performance'))
);
--> statement-breakpoint
CREATE TABLE "partnership_stale_reminders" (
	"partnership_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partnership_stale_reminders_partnership_id_confirmed_at_pk" PRIMARY KEY("partnership_id","confirmed_at")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"borough_id" uuid NOT NULL,
	"name" text NOT NULL,
	"officer_id" uuid NOT NULL,
	"officer_rank" text NOT NULL,
	"deputy_id" uuid NOT NULL,
	"deputy_rank" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"protocol_agreed_on" date,
	"protocol_review_on" date,
	"protocol_compliance" text,
	"protocol_compliance_note" text,
	"protocol_assessed_on" date,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnerships_officer_rank" CHECK ("partnerships"."officer_rank" in ('constable', 'sergeant', 'inspector', 'chief_inspector', 'superintendent', 'chief_superintendent', 'commander')),
	CONSTRAINT "partnerships_deputy_rank" CHECK ("partnerships"."deputy_rank" in ('constable', 'sergeant', 'inspector', 'chief_inspector', 'superintendent', 'chief_superintendent', 'commander')),
	CONSTRAINT "partnerships_protocol_compliance" CHECK ("partnerships"."protocol_compliance" in ('compliant', 'partly', 'not')),
	CONSTRAINT "partnerships_protocol_whole" CHECK (("partnerships"."protocol_agreed_on" is null) = ("partnerships"."protocol_compliance" is null))
);
--> statement-breakpoint
ALTER TABLE "partnership_records" ADD CONSTRAINT "partnership_records_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_records" ADD CONSTRAINT "partnership_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_stale_reminders" ADD CONSTRAINT "partnership_stale_reminders_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_officer_id_people_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_deputy_id_people_id_fk" FOREIGN KEY ("deputy_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partnership_records_year_idx" ON "partnership_records" USING btree ("partnership_id","start_year");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_borough_idx" ON "partnerships" USING btree ("borough_id");--> statement-breakpoint
CREATE INDEX "partnerships_confirmed_idx" ON "partnerships" USING btree ("confirmed_at");--> statement-breakpoint
CREATE INDEX "partnerships_officer_idx" ON "partnerships" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "partnerships_deputy_idx" ON "partnerships" USING btree ("deputy_id");--> statement-breakpoint
CALL data_versions_count_table('partnerships', 'partnerships');
--> statement-breakpoint
CALL data_versions_count_table('partnership_records', 'partnerships');
--> statement-breakpoint
CALL data_versions_count_table('partnership_stale_reminders', 'partnerships');
