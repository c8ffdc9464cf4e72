ALTER TABLE "audit_events" ADD COLUMN "redacted_by" bigint;--> statement-breakpoint
-- ADR 0002: the audit trail stays append-only, with one exception. On a person's erasure, the
-- personal data in an event's actor label and snapshots may be replaced, and nothing else: the
-- event must name a later `audit.redacted` event that lists it, newer than any that changed it
-- before, and its hash, its link and what it says was done stay exactly as written.
CREATE FUNCTION audit_events_allow_only_redaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.redacted_by IS NULL
    OR NEW.redacted_by <= OLD.seq
    OR (OLD.redacted_by IS NOT NULL AND NEW.redacted_by <= OLD.redacted_by)
    OR NEW.seq IS DISTINCT FROM OLD.seq
    OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
    OR NEW.actor_user_id IS DISTINCT FROM OLD.actor_user_id
    OR NEW.action IS DISTINCT FROM OLD.action
    OR NEW.record_type IS DISTINCT FROM OLD.record_type
    OR NEW.record_id IS DISTINCT FROM OLD.record_id
    OR NEW.request_id IS DISTINCT FROM OLD.request_id
    OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash
    OR NEW.hash IS DISTINCT FROM OLD.hash
    OR NOT EXISTS (
      SELECT 1 FROM audit_events v
      WHERE v.seq = NEW.redacted_by AND v.action = 'audit.redacted'
        AND (v.after -> 'events') @> to_jsonb(NEW.seq)
    )
  THEN
    RAISE EXCEPTION 'audit_events is append-only: UPDATE refused (only an erasure''s redaction may change an event)';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_events_append_only ON audit_events;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_redaction_only
  BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_allow_only_redaction();
