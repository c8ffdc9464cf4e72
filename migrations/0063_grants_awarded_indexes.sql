-- An upgrade runs the pending migrations in one transaction: 0059's writes to grant_rounds leave
-- their counters' flush (0024, deferred to commit) pending, and PostgreSQL will not index a table
-- with pending trigger events. Flushing now is harmless: a later write queues again.
SET CONSTRAINTS ALL IMMEDIATE;--> statement-breakpoint
CREATE INDEX "grant_applications_decided_idx" ON "grant_applications" USING btree ("status","decided_at");--> statement-breakpoint
CREATE INDEX "grant_rounds_year_idx" ON "grant_rounds" USING btree ("start_year","fund_id");
