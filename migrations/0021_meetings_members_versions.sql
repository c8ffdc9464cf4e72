-- Two more kinds of data (ADR 0009), for the meeting page's kept record: `meetings` (a meeting,
-- its agenda, attendance, minutes, actions and papers) and `members` (who belongs to a body:
-- memberships, police attendees, and the elections that make chairs). Any write to their tables
-- moves the kind's counter on (data_versions_bump: migration 0020).
CREATE TRIGGER meetings_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meetings FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('meetings');
--> statement-breakpoint
CREATE TRIGGER agenda_items_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agenda_items FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('meetings');
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_attendance FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('meetings');
--> statement-breakpoint
CREATE TRIGGER minutes_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON minutes FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('meetings');
--> statement-breakpoint
CREATE TRIGGER meeting_actions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_actions FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('meetings');
--> statement-breakpoint
CREATE TRIGGER meeting_papers_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_papers FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('meetings');
--> statement-breakpoint
CREATE TRIGGER memberships_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('members');
--> statement-breakpoint
CREATE TRIGGER police_attendees_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON police_attendees FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('members');
--> statement-breakpoint
CREATE TRIGGER elections_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON elections FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('members');
--> statement-breakpoint
CREATE TRIGGER election_candidates_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON election_candidates FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('members');
