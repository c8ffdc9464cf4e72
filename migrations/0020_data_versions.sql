CREATE TABLE "data_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
-- Moves a kind of data's counter on, once per statement that writes its tables (TG_ARGV[0] names
-- the kind). The row is locked until the writing transaction ends, so a reader never sees a
-- counter whose rows it cannot see yet.
CREATE FUNCTION data_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions (name, version) VALUES (TG_ARGV[0], 1)
  ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tracker_sources_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tracker_sources FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('tracker');
--> statement-breakpoint
CREATE TRIGGER tracker_recommendations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tracker_recommendations FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('tracker');
--> statement-breakpoint
CREATE TRIGGER tracker_key_points_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tracker_key_points FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('tracker');
--> statement-breakpoint
CREATE TRIGGER tracker_actions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tracker_actions FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('tracker');
--> statement-breakpoint
CREATE TRIGGER tracker_updates_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tracker_updates FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('tracker');
--> statement-breakpoint
CREATE TRIGGER tracker_reports_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tracker_reports FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('tracker');
--> statement-breakpoint
CREATE TRIGGER deployments_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deployments FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('deployments');
--> statement-breakpoint
CREATE TRIGGER people_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('directory');
--> statement-breakpoint
CREATE TRIGGER organisations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('directory');
--> statement-breakpoint
CREATE TRIGGER advisory_groups_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON advisory_groups FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump('groups');
