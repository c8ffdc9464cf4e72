import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * A counter per kind of data that a cached report is built from, moved on by triggers
 * (migrations 0020 and 0024) as every transaction that inserts, updates, deletes or truncates
 * the tables of that kind commits, all its kinds together in the order of their names. A report kept with the counters it was built at is current while they
 * are unchanged, however the rows were written and by whichever instance of Bridge.
 */
export const dataVersions = pgTable('data_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});
