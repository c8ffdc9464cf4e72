CREATE TABLE "consultation_answer_themes" (
	"answer_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	CONSTRAINT "consultation_answer_themes_answer_id_theme_id_pk" PRIMARY KEY("answer_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_open_data" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"quotes" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "consultation_open_data_questions" (
	"consultation_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	CONSTRAINT "consultation_open_data_questions_consultation_id_question_id_pk" PRIMARY KEY("consultation_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_quotes" (
	"answer_id" uuid PRIMARY KEY NOT NULL,
	"picked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"picked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "consultation_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "consultation_answer_themes" ADD CONSTRAINT "consultation_answer_themes_answer_id_consultation_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."consultation_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answer_themes" ADD CONSTRAINT "consultation_answer_themes_theme_id_consultation_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."consultation_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_open_data" ADD CONSTRAINT "consultation_open_data_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_open_data" ADD CONSTRAINT "consultation_open_data_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_open_data_questions" ADD CONSTRAINT "consultation_open_data_questions_consultation_id_consultation_open_data_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation_open_data"("consultation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_open_data_questions" ADD CONSTRAINT "consultation_open_data_questions_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_quotes" ADD CONSTRAINT "consultation_quotes_answer_id_consultation_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."consultation_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_quotes" ADD CONSTRAINT "consultation_quotes_picked_by_users_id_fk" FOREIGN KEY ("picked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_answer_themes_theme_idx" ON "consultation_answer_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_themes_question_name_key" ON "consultation_themes" USING btree ("question_id","name");--> statement-breakpoint
CALL data_versions_count_table('consultation_themes', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_answer_themes', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_quotes', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_open_data', 'consultation');
--> statement-breakpoint
CALL data_versions_count_table('consultation_open_data_questions', 'consultation');
