CREATE TABLE "custody_visitor_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"area" text,
	"reasons" text NOT NULL,
	"declared_on" date NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"decline_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"visitor_id" uuid,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custody_visitor_applications" ADD CONSTRAINT "custody_visitor_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_visitor_applications" ADD CONSTRAINT "custody_visitor_applications_visitor_id_custody_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."custody_visitors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custody_visitor_applications_status_idx" ON "custody_visitor_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "custody_visitor_applications_area_idx" ON "custody_visitor_applications" USING btree (lower("area"),"status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "custody_visitor_applications_open_email_key" ON "custody_visitor_applications" USING btree (lower("email")) WHERE "custody_visitor_applications"."status" = 'received';--> statement-breakpoint
CALL data_versions_count_table('custody_visitor_applications', 'custody');
