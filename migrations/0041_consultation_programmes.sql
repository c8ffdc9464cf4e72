CREATE TABLE "consultation_programme_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"owner_id" uuid,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"actual_start" date,
	"actual_end" date,
	"fieldwork" boolean DEFAULT false NOT NULL,
	"consultation_id" uuid,
	"note" text,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_programme_stages_planned" CHECK ("consultation_programme_stages"."planned_end" >= "consultation_programme_stages"."planned_start"),
	CONSTRAINT "consultation_programme_stages_actual" CHECK ("consultation_programme_stages"."actual_end" IS NULL OR ("consultation_programme_stages"."actual_start" IS NOT NULL AND "consultation_programme_stages"."actual_end" >= "consultation_programme_stages"."actual_start"))
);
--> statement-breakpoint
CREATE TABLE "consultation_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"plan_year" integer NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_programme_stages" ADD CONSTRAINT "consultation_programme_stages_programme_id_consultation_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."consultation_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_programme_stages" ADD CONSTRAINT "consultation_programme_stages_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_programme_stages" ADD CONSTRAINT "consultation_programme_stages_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_programme_stages_programme_idx" ON "consultation_programme_stages" USING btree ("programme_id","position");--> statement-breakpoint
CREATE INDEX "consultation_programme_stages_owner_idx" ON "consultation_programme_stages" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "consultation_programme_stages_consultation_idx" ON "consultation_programme_stages" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_programmes_year_idx" ON "consultation_programmes" USING btree ("plan_year","created_at");--> statement-breakpoint
CALL data_versions_count_table('consultation_programmes', 'consultation');--> statement-breakpoint
CALL data_versions_count_table('consultation_programme_stages', 'consultation');
