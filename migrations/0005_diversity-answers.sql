CREATE TABLE "diversity_answers" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"ethnicity" text,
	"religion" text,
	"disability" text,
	"sexual_orientation" text,
	"trans_history" text,
	"age_band" text,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diversity_answers_ethnicity_check" CHECK ("diversity_answers"."ethnicity" is null or "diversity_answers"."ethnicity" in ('white_british', 'white_other', 'mixed', 'asian', 'black', 'other', 'prefer_not')),
	CONSTRAINT "diversity_answers_religion_check" CHECK ("diversity_answers"."religion" is null or "diversity_answers"."religion" in ('none', 'christian', 'muslim', 'hindu', 'sikh', 'jewish', 'buddhist', 'other', 'prefer_not')),
	CONSTRAINT "diversity_answers_disability_check" CHECK ("diversity_answers"."disability" is null or "diversity_answers"."disability" in ('yes', 'no', 'prefer_not')),
	CONSTRAINT "diversity_answers_orientation_check" CHECK ("diversity_answers"."sexual_orientation" is null or "diversity_answers"."sexual_orientation" in ('heterosexual', 'gay_lesbian', 'bisexual', 'other', 'prefer_not')),
	CONSTRAINT "diversity_answers_trans_check" CHECK ("diversity_answers"."trans_history" is null or "diversity_answers"."trans_history" in ('yes', 'no', 'prefer_not')),
	CONSTRAINT "diversity_answers_age_check" CHECK ("diversity_answers"."age_band" is null or "diversity_answers"."age_band" in ('under_18', '18_24', '25_34', '35_49', '50_64', '65_plus', 'prefer_not'))
);
--> statement-breakpoint
ALTER TABLE "diversity_answers" ADD CONSTRAINT "diversity_answers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;