-- The public record of a meeting reads its minutes' items and the advice minuted: counted, so a
-- kept public page is made afresh when they change (ADR 0016).
CALL data_versions_count_table('minute_items', 'meetings');--> statement-breakpoint
CALL data_versions_count_table('minuted_advice', 'meetings');
