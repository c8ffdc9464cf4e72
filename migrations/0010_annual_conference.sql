ALTER TYPE "public"."meeting_body_type" ADD VALUE 'annual_conference';--> statement-breakpoint
CREATE TABLE "meeting_invitations" (
	"meeting_id" uuid NOT NULL,
	"invitee_id" uuid NOT NULL,
	"invitee_name" text NOT NULL,
	"contacts_emailed" integer NOT NULL,
	"invited_by" uuid,
	"invited_at" timestamp with time zone NOT NULL,
	"representatives" integer,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	CONSTRAINT "meeting_invitations_meeting_id_invitee_id_pk" PRIMARY KEY("meeting_id","invitee_id"),
	CONSTRAINT "meeting_invitations_representatives_check" CHECK ("meeting_invitations"."representatives" >= 0)
);
--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;