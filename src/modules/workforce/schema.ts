/**
 * LEG-04: the workforce's headcounts at a date, by workforce, rank band, sex and ethnic group.
 * Counts are kept, never shares (shares are worked out from them). A date has one snapshot: a
 * snapshot imported again for its date replaces the counts, never adds to them.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, requiredRef } from '../../platform/db/columns.js';
import { ALL_RANK_BANDS, ETHNIC_GROUPS, RANK_BANDS, SEXES, WORKFORCES } from './rules.js';

export const SNAPSHOT_SOURCES = ['typed', 'imported'] as const;

export const workforceSnapshots = pgTable(
  'workforce_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The date the headcounts are as at (31 March, the year's end, as forces report them). */
    asAt: date('as_at', { mode: 'string' }).notNull(),
    /** How its counts last came: typed on the form, or imported from a file (`fileName`). */
    source: text('source').notNull(),
    fileName: text('file_name'),
    /** Moved on by every change, so that a stale edit is refused. */
    version: integer('version').notNull().default(1),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('workforce_snapshots_as_at_key').on(t.asAt),
    check('workforce_snapshots_source', isOneOf(t.source, SNAPSHOT_SOURCES)),
  ],
);

/** One cell of a snapshot; a cell not kept is nobody. */
export const workforceCounts = pgTable(
  'workforce_counts',
  {
    snapshotId: requiredRef('snapshot_id', () => workforceSnapshots.id, { onDelete: 'cascade' }),
    workforce: text('workforce').notNull(),
    rankBand: text('rank_band').notNull(),
    sex: text('sex').notNull(),
    ethnicGroup: text('ethnic_group').notNull(),
    headcount: integer('headcount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.workforce, t.rankBand, t.sex, t.ethnicGroup] }),
    check('workforce_counts_workforce', isOneOf(t.workforce, WORKFORCES)),
    check('workforce_counts_rank_band', isOneOf(t.rankBand, ALL_RANK_BANDS)),
    // A rank band is its own workforce's.
    check(
      'workforce_counts_band_of_workforce',
      sql.join(
        WORKFORCES.map(
          (w) =>
            sql`(${t.workforce} = ${sql.raw(`'${w}'`)} and ${isOneOf(t.rankBand, RANK_BANDS[w])})`,
        ),
        sql` or `,
      ),
    ),
    check('workforce_counts_sex', isOneOf(t.sex, SEXES)),
    check('workforce_counts_ethnic_group', isOneOf(t.ethnicGroup, ETHNIC_GROUPS)),
    check('workforce_counts_headcount', sql`${t.headcount} >= 0`),
  ],
);
