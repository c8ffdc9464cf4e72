CREATE TABLE "consultation_chosen_consultees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"consultee_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"chosen_by" uuid,
	"chosen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultee_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"preferred" boolean DEFAULT false NOT NULL,
	CONSTRAINT "consultee_channels_kind" CHECK ("consultee_channels"."kind" in ('email', 'post', 'phone', 'meeting', 'newsletter', 'social_media'))
);
--> statement-breakpoint
CREATE TABLE "consultee_unsubscribe_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"consultee_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"parent_id" uuid,
	"borough_id" uuid,
	"advisory_group_id" uuid,
	"consent_given_on" date,
	"consent_method" text,
	"consent_withdrawn_at" timestamp with time zone,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce("consultees"."name", ''))) STORED NOT NULL,
	CONSTRAINT "consultees_kind" CHECK ("consultees"."kind" in ('organisation', 'person')),
	CONSTRAINT "consultees_category" CHECK ("consultees"."category" in ('umbrella_body', 'faith_group', 'business', 'voluntary_sector', 'young_people', 'engagement_group', 'advisory_group', 'statutory_partner', 'individual_resident', 'other')),
	CONSTRAINT "consultees_consent_method" CHECK ("consultees"."consent_method" in ('writing', 'email', 'phone', 'in_person', 'online_form')),
	CONSTRAINT "consultees_consent_whole" CHECK (("consultees"."consent_given_on" is null) = ("consultees"."consent_method" is null))
);
--> statement-breakpoint
ALTER TABLE "consultation_chosen_consultees" ADD CONSTRAINT "consultation_chosen_consultees_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_chosen_consultees" ADD CONSTRAINT "consultation_chosen_consultees_consultee_id_consultees_id_fk" FOREIGN KEY ("consultee_id") REFERENCES "public"."consultees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_chosen_consultees" ADD CONSTRAINT "consultation_chosen_consultees_chosen_by_users_id_fk" FOREIGN KEY ("chosen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultee_channels" ADD CONSTRAINT "consultee_channels_consultee_id_consultees_id_fk" FOREIGN KEY ("consultee_id") REFERENCES "public"."consultees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultee_unsubscribe_links" ADD CONSTRAINT "consultee_unsubscribe_links_consultee_id_consultees_id_fk" FOREIGN KEY ("consultee_id") REFERENCES "public"."consultees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultees" ADD CONSTRAINT "consultees_parent_id_consultees_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."consultees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultees" ADD CONSTRAINT "consultees_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultees" ADD CONSTRAINT "consultees_advisory_group_id_advisory_groups_id_fk" FOREIGN KEY ("advisory_group_id") REFERENCES "public"."advisory_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_chosen_consultees_key" ON "consultation_chosen_consultees" USING btree ("consultation_id","consultee_id");--> statement-breakpoint
CREATE INDEX "consultation_chosen_consultees_consultee_idx" ON "consultation_chosen_consultees" USING btree ("consultee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultee_channels_kind_key" ON "consultee_channels" USING btree ("consultee_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "consultee_channels_preferred_key" ON "consultee_channels" USING btree ("consultee_id") WHERE "consultee_channels"."preferred";--> statement-breakpoint
CREATE INDEX "consultee_unsubscribe_links_consultee_idx" ON "consultee_unsubscribe_links" USING btree ("consultee_id");--> statement-breakpoint
CREATE INDEX "consultees_search_idx" ON "consultees" USING gin ("search");--> statement-breakpoint
CREATE INDEX "consultees_category_idx" ON "consultees" USING btree ("category","name");--> statement-breakpoint
CREATE INDEX "consultees_borough_idx" ON "consultees" USING btree ("borough_id","name");--> statement-breakpoint
CREATE INDEX "consultees_parent_idx" ON "consultees" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultees_advisory_group_key" ON "consultees" USING btree ("advisory_group_id");--> statement-breakpoint
CALL data_versions_count_table('consultees', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultee_channels', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_chosen_consultees', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultee_unsubscribe_links', 'consultation');
