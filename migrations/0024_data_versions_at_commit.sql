-- Issue 22 item 6 (ADR 0009, 2026-12): the counters are moved on at commit, all together, in
-- the order of their names, so two transactions that write the same kinds in different orders
-- can no longer deadlock on them. Until now each statement moved its kind's counter at once and
-- held that row's lock until commit.
--
-- A statement on a counted table notes its kind in a list local to the transaction
-- (bridge.data_kinds_written). The transaction's first row written queues one deferred event
-- for the whole transaction (bridge.data_versions_queued says one is queued); at commit that
-- event moves on every noted kind, sorted. The counters still move in the writing transaction,
-- before it commits, so a reader sees them moved exactly when it sees the rows they count.

-- Notes the statement's kind (TG_ARGV[0]) before it writes. TRUNCATE cannot queue the commit
-- event (no row triggers), so it moves the counter at once, as before; nothing in Bridge
-- truncates a counted table.
CREATE FUNCTION data_versions_note() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written text := coalesce(current_setting('bridge.data_kinds_written', true), '');
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO data_versions (name, version) VALUES (TG_ARGV[0], 1)
    ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1;
  ELSIF NOT TG_ARGV[0] = ANY (string_to_array(written, ',')) THEN
    PERFORM set_config('bridge.data_kinds_written', concat_ws(',', nullif(written, ''), TG_ARGV[0]), true);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Moves on every kind noted so far, one at a time in the order of their names, so the counters'
-- row locks are always taken in that order; then empties the list, so a write after this (after
-- SET CONSTRAINTS ... IMMEDIATE) notes and queues again.
CREATE FUNCTION data_versions_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text;
BEGIN
  FOR kind IN
    SELECT DISTINCT k FROM unnest(string_to_array(current_setting('bridge.data_kinds_written', true), ',')) AS k
    WHERE k <> '' ORDER BY k
  LOOP
    INSERT INTO data_versions (name, version) VALUES (kind, 1)
    ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1;
  END LOOP;
  PERFORM set_config('bridge.data_kinds_written', '', true);
  PERFORM set_config('bridge.data_versions_queued', '', true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The two triggers that count a table under a kind. The commit event is a row trigger (a
-- constraint trigger cannot be a statement one), but its WHEN is tested as each row is written,
-- not at commit: only the transaction's first row queues it (the CASE tests the flag before
-- setting it), so a bulk insert of 100,000 rows queues one event, not 100,000. A savepoint rolled
-- back takes its event and both settings with it.
CREATE PROCEDURE data_versions_count_table(counted regclass, kind text) LANGUAGE plpgsql AS $$
DECLARE
  table_name text := (SELECT relname FROM pg_class WHERE oid = counted);
BEGIN
  EXECUTE format(
    'CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION data_versions_note(%L)',
    table_name || '_version', counted, kind);
  EXECUTE format(
    'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %s '
    'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
    'WHEN (CASE WHEN current_setting(''bridge.data_versions_queued'', true) = ''yes'' THEN false '
    'ELSE set_config(''bridge.data_versions_queued'', ''yes'', true) = ''yes'' END) '
    'EXECUTE FUNCTION data_versions_flush()',
    table_name || '_version_at_commit', counted);
END;
$$;
--> statement-breakpoint
DROP TRIGGER people_version ON people;
--> statement-breakpoint
DROP TRIGGER organisations_version ON organisations;
--> statement-breakpoint
DROP TRIGGER advisory_groups_version ON advisory_groups;
--> statement-breakpoint
DROP TRIGGER group_documents_version ON group_documents;
--> statement-breakpoint
DROP TRIGGER group_document_versions_version ON group_document_versions;
--> statement-breakpoint
DROP TRIGGER memberships_version ON memberships;
--> statement-breakpoint
DROP TRIGGER police_attendees_version ON police_attendees;
--> statement-breakpoint
DROP TRIGGER elections_version ON elections;
--> statement-breakpoint
DROP TRIGGER election_candidates_version ON election_candidates;
--> statement-breakpoint
DROP TRIGGER reappointments_version ON reappointments;
--> statement-breakpoint
DROP TRIGGER meetings_version ON meetings;
--> statement-breakpoint
DROP TRIGGER agenda_items_version ON agenda_items;
--> statement-breakpoint
DROP TRIGGER meeting_attendance_version ON meeting_attendance;
--> statement-breakpoint
DROP TRIGGER minutes_version ON minutes;
--> statement-breakpoint
DROP TRIGGER meeting_actions_version ON meeting_actions;
--> statement-breakpoint
DROP TRIGGER meeting_papers_version ON meeting_papers;
--> statement-breakpoint
DROP TRIGGER deployments_version ON deployments;
--> statement-breakpoint
DROP TRIGGER tracker_sources_version ON tracker_sources;
--> statement-breakpoint
DROP TRIGGER tracker_recommendations_version ON tracker_recommendations;
--> statement-breakpoint
DROP TRIGGER tracker_key_points_version ON tracker_key_points;
--> statement-breakpoint
DROP TRIGGER tracker_actions_version ON tracker_actions;
--> statement-breakpoint
DROP TRIGGER tracker_updates_version ON tracker_updates;
--> statement-breakpoint
DROP TRIGGER tracker_reports_version ON tracker_reports;
--> statement-breakpoint
CALL data_versions_count_table('people', 'directory');
--> statement-breakpoint
CALL data_versions_count_table('organisations', 'directory');
--> statement-breakpoint
CALL data_versions_count_table('advisory_groups', 'groups');
--> statement-breakpoint
CALL data_versions_count_table('group_documents', 'groups');
--> statement-breakpoint
CALL data_versions_count_table('group_document_versions', 'groups');
--> statement-breakpoint
CALL data_versions_count_table('memberships', 'members');
--> statement-breakpoint
CALL data_versions_count_table('police_attendees', 'members');
--> statement-breakpoint
CALL data_versions_count_table('elections', 'members');
--> statement-breakpoint
CALL data_versions_count_table('election_candidates', 'members');
--> statement-breakpoint
CALL data_versions_count_table('reappointments', 'members');
--> statement-breakpoint
CALL data_versions_count_table('meetings', 'meetings');
--> statement-breakpoint
CALL data_versions_count_table('agenda_items', 'meetings');
--> statement-breakpoint
CALL data_versions_count_table('meeting_attendance', 'meetings');
--> statement-breakpoint
CALL data_versions_count_table('minutes', 'meetings');
--> statement-breakpoint
CALL data_versions_count_table('meeting_actions', 'meetings');
--> statement-breakpoint
CALL data_versions_count_table('meeting_papers', 'meetings');
--> statement-breakpoint
CALL data_versions_count_table('deployments', 'deployments');
--> statement-breakpoint
CALL data_versions_count_table('tracker_sources', 'tracker');
--> statement-breakpoint
CALL data_versions_count_table('tracker_recommendations', 'tracker');
--> statement-breakpoint
CALL data_versions_count_table('tracker_key_points', 'tracker');
--> statement-breakpoint
CALL data_versions_count_table('tracker_actions', 'tracker');
--> statement-breakpoint
CALL data_versions_count_table('tracker_updates', 'tracker');
--> statement-breakpoint
CALL data_versions_count_table('tracker_reports', 'tracker');
--> statement-breakpoint
-- A table counted the old way would hold its counter's lock out of order: the old function goes,
-- so a migration that still uses it fails.
DROP FUNCTION data_versions_bump();
