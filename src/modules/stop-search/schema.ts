/**
 * LEG-04: stop and search as police.uk publishes it, one import per month, each search kept as
 * published (its words, blanks as null) so that any breakdown can be read again later.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, requiredRef } from '../../platform/db/columns.js';
import { organisations } from '../directory/schema.js';
import { ETHNIC_GROUPS } from './rules.js';

/**
 * A month of stop and search imported from police.uk's file. The same month imported again
 * replaces the searches of the first (its row is updated, its searches deleted and written anew):
 * a month is never counted twice.
 */
export const stopSearchImports = pgTable(
  'stop_search_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The month's first day. */
    month: date('month', { mode: 'string' }).notNull(),
    fileName: text('file_name').notNull(),
    searches: integer('searches').notNull(),
    /** How many times the month has been imported (1 the first time). */
    imports: integer('imports').notNull().default(1),
    importedBy: uuid('imported_by').references(() => users.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('stop_search_imports_month_key').on(t.month),
    check('stop_search_imports_first_day', sql`extract(day from ${t.month}) = 1`),
  ],
);

/** One search, as police.uk published it. */
export const stopSearches = pgTable(
  'stop_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importId: requiredRef('import_id', () => stopSearchImports.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    partOfOperation: boolean('part_of_operation'),
    operation: text('operation'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Found from the location against the loaded borough boundaries; null until then, or outside. */
    boroughId: uuid('borough_id').references(() => organisations.id),
    gender: text('gender'),
    ageRange: text('age_range'),
    selfDefinedEthnicity: text('self_defined_ethnicity'),
    /** The census broad group of the self-defined ethnicity; null when not stated. */
    selfDefinedGroup: text('self_defined_group'),
    officerDefinedEthnicity: text('officer_defined_ethnicity'),
    legislation: text('legislation'),
    objectOfSearch: text('object_of_search'),
    outcome: text('outcome'),
    outcomeLinked: boolean('outcome_linked'),
    removalOfClothing: boolean('removal_of_clothing'),
  },
  (t) => [
    index('stop_searches_import_idx').on(t.importId),
    index('stop_searches_month_idx').on(t.month),
    index('stop_searches_borough_month_idx').on(t.boroughId, t.month),
    check('stop_searches_self_defined_group', isOneOf(t.selfDefinedGroup, ETHNIC_GROUPS)),
    check('stop_searches_location', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
  ],
);
