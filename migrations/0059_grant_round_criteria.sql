CREATE TABLE "grant_round_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"criterion_id" uuid,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"guidance" text,
	"weight" integer NOT NULL,
	CONSTRAINT "grant_round_criteria_weight" CHECK ("grant_round_criteria"."weight" between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "grant_scores" DROP CONSTRAINT "grant_scores_criterion_id_grant_criteria_id_fk";
--> statement-breakpoint
ALTER TABLE "grant_funds" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "grant_rounds" ADD COLUMN "criteria_fixed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grant_round_criteria" ADD CONSTRAINT "grant_round_criteria_round_id_grant_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."grant_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_round_criteria" ADD CONSTRAINT "grant_round_criteria_criterion_id_grant_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."grant_criteria"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grant_round_criteria_position_idx" ON "grant_round_criteria" USING btree ("round_id","position");--> statement-breakpoint

-- CON-04 (hand-written; the scores' new key is added after them): a round that already has
-- submitted applications keeps the criteria they were submitted under, as its own copy, and the
-- scores given are moved onto that copy.
UPDATE "grant_rounds" r SET "criteria_fixed_at" = now()
  WHERE EXISTS (SELECT 1 FROM "grant_applications" a WHERE a."round_id" = r."id" AND a."submitted_at" IS NOT NULL);--> statement-breakpoint
INSERT INTO "grant_round_criteria" ("round_id", "criterion_id", "position", "title", "guidance", "weight")
  SELECT r."id", c."id", row_number() OVER (PARTITION BY r."id" ORDER BY c."position", c."id"), c."title", c."guidance", c."weight"
  FROM "grant_rounds" r JOIN "grant_criteria" c ON c."fund_id" = r."fund_id"
  WHERE r."criteria_fixed_at" IS NOT NULL;--> statement-breakpoint
UPDATE "grant_scores" s SET "criterion_id" = rc."id"
  FROM "grant_assessments" a, "grant_applications" ap, "grant_round_criteria" rc
  WHERE a."id" = s."assessment_id" AND ap."id" = a."application_id"
    AND rc."round_id" = ap."round_id" AND rc."criterion_id" = s."criterion_id";--> statement-breakpoint
ALTER TABLE "grant_scores" ADD CONSTRAINT "grant_scores_criterion_id_grant_round_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."grant_round_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CALL data_versions_count_table('grant_round_criteria', 'grants');
