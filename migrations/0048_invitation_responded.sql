ALTER TABLE "consultation_invitations" ADD COLUMN "responded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "consultation_responses_personal_idx" ON "consultation_responses" USING btree ("consultation_id") WHERE "consultation_responses"."anonymised_at" is null;--> statement-breakpoint
-- CON-03, CON-06, DP-03: an invitation keeps that its response was sent, whoever writes the
-- response (the service, the demo data, a script), so that "responded" (consultees' invitation
-- states, the panel's wave response rates) outlives the response's link to the invitation,
-- which the retention sweep removes. Only yes or no: never when, which could be matched.
CREATE FUNCTION consultation_invitation_responded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE consultation_invitations SET responded = true
   WHERE id = NEW.invitation_id AND NOT responded;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consultation_responses_responded
  AFTER INSERT OR UPDATE OF submitted_at, invitation_id ON consultation_responses
  FOR EACH ROW
  WHEN (NEW.submitted_at IS NOT NULL AND NEW.invitation_id IS NOT NULL)
  EXECUTE FUNCTION consultation_invitation_responded();
--> statement-breakpoint
UPDATE consultation_invitations i SET responded = true
  FROM consultation_responses r
 WHERE r.invitation_id = i.id AND r.submitted_at IS NOT NULL;
