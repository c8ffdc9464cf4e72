-- The group page's kept record (ADR 0009) also reads a group's documents (its terms of
-- reference) and its members' second-term agreements: writes to them move the `groups` and
-- `members` counters on (data_versions_bump: migration 0020).
CREATE TRIGGER group_documents_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_documents FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('groups');
--> statement-breakpoint
CREATE TRIGGER group_document_versions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_document_versions FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('groups');
--> statement-breakpoint
CREATE TRIGGER reappointments_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reappointments FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('members');
