CREATE TABLE "consultation_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"option_id" uuid,
	"text_value" text,
	"rating" integer
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"audience" text NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"approval_minute_item_id" uuid,
	"approved_on" date,
	"launched_at" timestamp with time zone,
	"closed_early_at" timestamp with time zone,
	"created_by" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_dates_order" CHECK ("consultations"."closes_on" >= "consultations"."opens_on"),
	CONSTRAINT "consultations_audience" CHECK ("consultations"."audience" in ('public', 'invited', 'panel'))
);
--> statement-breakpoint
CREATE TABLE "consultation_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"consultee_id" uuid,
	"panel_member_id" uuid,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "consultation_invitations_one_invitee" CHECK (("consultation_invitations"."consultee_id" is null) <> ("consultation_invitations"."panel_member_id" is null))
);
--> statement-breakpoint
CREATE TABLE "consultation_question_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_questionnaire_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "consultation_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"hint" text,
	"required" boolean DEFAULT false NOT NULL,
	"rating_scale" integer,
	"shown_if_option_id" uuid,
	CONSTRAINT "consultation_questions_kind" CHECK ("consultation_questions"."kind" in ('single', 'multiple', 'text', 'rating')),
	CONSTRAINT "consultation_questions_rating_scale" CHECK (("consultation_questions"."kind" = 'rating') = ("consultation_questions"."rating_scale" is not null))
);
--> statement-breakpoint
CREATE TABLE "consultation_response_monitoring" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"age_band" text,
	"sex" text,
	"ethnic_group" text,
	CONSTRAINT "consultation_response_monitoring_age" CHECK ("consultation_response_monitoring"."age_band" in ('16-24', '25-34', '35-44', '45-54', '55-64', '65+')),
	CONSTRAINT "consultation_response_monitoring_sex" CHECK ("consultation_response_monitoring"."sex" in ('female', 'male')),
	CONSTRAINT "consultation_response_monitoring_ethnic" CHECK ("consultation_response_monitoring"."ethnic_group" in ('asian', 'black', 'mixed', 'white', 'other'))
);
--> statement-breakpoint
CREATE TABLE "consultation_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"invitation_id" uuid,
	"resume_token_hash" text,
	"contact_email" text,
	"address_hash" text,
	"borough_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"set_aside_at" timestamp with time zone,
	"set_aside_reason" text,
	"set_aside_by" uuid,
	"anonymised_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_option_id_consultation_question_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."consultation_question_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_approval_minute_item_id_minute_items_id_fk" FOREIGN KEY ("approval_minute_item_id") REFERENCES "public"."minute_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_invitations" ADD CONSTRAINT "consultation_invitations_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_question_options" ADD CONSTRAINT "consultation_question_options_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questionnaire_versions" ADD CONSTRAINT "consultation_questionnaire_versions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questionnaire_versions" ADD CONSTRAINT "consultation_questionnaire_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questions" ADD CONSTRAINT "consultation_questions_version_id_consultation_questionnaire_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."consultation_questionnaire_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questions" ADD CONSTRAINT "consultation_questions_shown_if_option_id_consultation_question_options_id_fk" FOREIGN KEY ("shown_if_option_id") REFERENCES "public"."consultation_question_options"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_monitoring" ADD CONSTRAINT "consultation_response_monitoring_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_version_id_consultation_questionnaire_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."consultation_questionnaire_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_invitation_id_consultation_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."consultation_invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_borough_id_organisations_id_fk" FOREIGN KEY ("borough_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_set_aside_by_users_id_fk" FOREIGN KEY ("set_aside_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_answers_response_idx" ON "consultation_answers" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "consultation_answers_question_idx" ON "consultation_answers" USING btree ("question_id","option_id");--> statement-breakpoint
CREATE INDEX "consultations_opens_idx" ON "consultations" USING btree ("opens_on");--> statement-breakpoint
CREATE INDEX "consultations_closes_idx" ON "consultations" USING btree ("closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_invitations_token_key" ON "consultation_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_invitations_consultee_key" ON "consultation_invitations" USING btree ("consultation_id","consultee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_invitations_panel_member_key" ON "consultation_invitations" USING btree ("consultation_id","panel_member_id");--> statement-breakpoint
CREATE INDEX "consultation_invitations_panel_member_idx" ON "consultation_invitations" USING btree ("panel_member_id");--> statement-breakpoint
CREATE INDEX "consultation_question_options_question_idx" ON "consultation_question_options" USING btree ("question_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_questionnaire_versions_key" ON "consultation_questionnaire_versions" USING btree ("consultation_id","number");--> statement-breakpoint
CREATE INDEX "consultation_questions_version_idx" ON "consultation_questions" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "consultation_responses_consultation_idx" ON "consultation_responses" USING btree ("consultation_id","submitted_at");--> statement-breakpoint
CREATE INDEX "consultation_responses_address_idx" ON "consultation_responses" USING btree ("consultation_id","address_hash","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_invitation_key" ON "consultation_responses" USING btree ("invitation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_resume_key" ON "consultation_responses" USING btree ("resume_token_hash");--> statement-breakpoint
CALL data_versions_count_table('consultations', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_questionnaire_versions', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_questions', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_question_options', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_invitations', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_responses', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_answers', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_response_monitoring', 'consultation');
