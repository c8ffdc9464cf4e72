CREATE TABLE "indicator_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" date NOT NULL,
	"target" bigint NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_targets_period_key" UNIQUE("indicator_id","period"),
	CONSTRAINT "indicator_targets_period" CHECK (extract(day from "indicator_targets"."period") = 1)
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" date NOT NULL,
	"borough_id" uuid,
	"value" bigint NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "indicator_values_period_key" UNIQUE NULLS NOT DISTINCT("indicator_id","borough_id","period"),
	CONSTRAINT "indicator_values_source" CHECK ("indicator_values"."source" in ('typed', 'csv', 'bridge', 'import')),
	CONSTRAINT "indicator_values_period" CHECK (extract(day from "indicator_values"."period") = 1)
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"definition" text NOT NULL,
	"unit" text NOT NULL,
	"polarity" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"frequency" text NOT NULL,
	"breakdown" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"measure_key" text,
	"tolerance" integer DEFAULT 5 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_unit" CHECK ("indicators"."unit" in ('count', 'people', 'percent', 'rate_per_1000', 'days', 'pounds')),
	CONSTRAINT "indicators_polarity" CHECK ("indicators"."polarity" in ('higher_better', 'lower_better')),
	CONSTRAINT "indicators_frequency" CHECK ("indicators"."frequency" in ('monthly', 'quarterly', 'yearly')),
	CONSTRAINT "indicators_breakdown" CHECK ("indicators"."breakdown" in ('none', 'borough')),
	CONSTRAINT "indicators_tolerance" CHECK ("indicators"."tolerance" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_owner_id_organisations_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_values_period_idx" ON "indicator_values" USING btree ("indicator_id","period");--> statement-breakpoint
CREATE INDEX "indicator_values_borough_idx" ON "indicator_values" USING btree ("borough_id");--> statement-breakpoint
CREATE INDEX "indicator_values_recorded_by_idx" ON "indicator_values" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "indicators_name_idx" ON "indicators" USING btree ("name");--> statement-breakpoint
CREATE INDEX "indicators_public_name_idx" ON "indicators" USING btree ("is_public","name");--> statement-breakpoint
CREATE INDEX "indicators_owner_idx" ON "indicators" USING btree ("owner_id");--> statement-breakpoint
CALL data_versions_count_table('indicators', 'indicators');--> statement-breakpoint
CALL data_versions_count_table('indicator_targets', 'indicators');--> statement-breakpoint
CALL data_versions_count_table('indicator_values', 'indicators');
