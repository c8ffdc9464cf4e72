import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * A counter per kind of data that a cached report is built from, moved on by a trigger
 * (migration 0020) in the same transaction as every insert, update, delete or truncate of the
 * tables of that kind. A report kept with the counters it was built at is current while they
 * are unchanged, however the rows were written and by whichever instance of Bridge.
 */
export const dataVersions = pgTable('data_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});
