CREATE TABLE "consultation_panel_member_monitoring" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"age_band" text,
	"sex" text,
	"ethnic_group" text,
	CONSTRAINT "consultation_panel_member_monitoring_age" CHECK ("consultation_panel_member_monitoring"."age_band" in ('16-24', '25-34', '35-44', '45-54', '55-64', '65+')),
	CONSTRAINT "consultation_panel_member_monitoring_sex" CHECK ("consultation_panel_member_monitoring"."sex" in ('female', 'male')),
	CONSTRAINT "consultation_panel_member_monitoring_ethnic" CHECK ("consultation_panel_member_monitoring"."ethnic_group" in ('asian', 'black', 'mixed', 'white', 'other'))
);
--> statement-breakpoint
CREATE TABLE "consultation_panel_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text,
	"email" text,
	"borough_id" uuid,
	"joined_by" text NOT NULL,
	"invited_by" uuid,
	"confirm_token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"joined_on" date,
	"left_at" timestamp with time zone,
	"leave_token_hash" text NOT NULL,
	"last_answered_at" timestamp with time zone,
	"asked_to_stay_at" timestamp with time zone,
	"stayed_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	CONSTRAINT "consultation_panel_members_joined_by" CHECK ("consultation_panel_members"."joined_by" in ('sign_up', 'invitation'))
);
--> statement-breakpoint
CREATE TABLE "consultation_panel_population" (
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "consultation_panel_population_dimension" CHECK ("consultation_panel_population"."dimension" in ('borough', 'ageBand', 'sex', 'ethnicGroup')),
	CONSTRAINT "consultation_panel_population_people" CHECK ("consultation_panel_population"."people" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consultation_panel_waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sample_size" integer,
	"seed" integer,
	"invited" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid,
	CONSTRAINT "consultation_panel_waves_kind" CHECK ("consultation_panel_waves"."kind" in ('whole', 'sample')),
	CONSTRAINT "consultation_panel_waves_sample_size" CHECK (("consultation_panel_waves"."kind" = 'sample') = ("consultation_panel_waves"."sample_size" is not null))
);
--> statement-breakpoint
ALTER TABLE "consultation_panel_member_monitoring" ADD CONSTRAINT "consultation_panel_member_monitoring_member_id_consultation_panel_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."consultation_panel_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_panel_members" ADD CONSTRAINT "consultation_panel_members_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_panel_members" ADD CONSTRAINT "consultation_panel_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_panel_waves" ADD CONSTRAINT "consultation_panel_waves_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_panel_waves" ADD CONSTRAINT "consultation_panel_waves_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_panel_members_email_key" ON "consultation_panel_members" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_panel_members_confirm_key" ON "consultation_panel_members" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_panel_members_leave_key" ON "consultation_panel_members" USING btree ("leave_token_hash");--> statement-breakpoint
CREATE INDEX "consultation_panel_members_borough_idx" ON "consultation_panel_members" USING btree ("borough_id");--> statement-breakpoint
CREATE INDEX "consultation_panel_members_name_idx" ON "consultation_panel_members" USING btree (lower("full_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultation_panel_members_email_prefix_idx" ON "consultation_panel_members" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultation_panel_members_created_idx" ON "consultation_panel_members" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_panel_population_key" ON "consultation_panel_population" USING btree ("dimension","value");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_panel_waves_consultation_key" ON "consultation_panel_waves" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_panel_waves_sent_idx" ON "consultation_panel_waves" USING btree ("sent_at");--> statement-breakpoint
CALL data_versions_count_table('consultation_panel_members', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_panel_member_monitoring', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_panel_population', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_panel_waves', 'consultation');

--> statement-breakpoint
-- The core table's invitee, a panel member, is one of the panel's (written here: the core schema.ts
-- cannot name the panel's table without a cycle).
ALTER TABLE "consultation_invitations" ADD CONSTRAINT "consultation_invitations_panel_member_id_fk" FOREIGN KEY ("panel_member_id") REFERENCES "public"."consultation_panel_members"("id") ON DELETE no action ON UPDATE no action;
