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
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, requiredRef } from '../../platform/db/columns.js';
import { organisations } from '../directory/schema.js';
import type { AreaGeometry } from './reference-rules.js';
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

/**
 * LEG-04: each borough's boundary as ONS publishes it (longitude and latitude), matched to the
 * directory's borough by its ONS code; its box lets placing a search rule most boroughs out
 * without reading their shape. Replaced all at once by each file loaded.
 */
export const stopSearchBoundaries = pgTable(
  'stop_search_boundaries',
  {
    boroughId: uuid('borough_id')
      .primaryKey()
      .references(() => organisations.id),
    code: text('code').notNull(),
    geometry: jsonb('geometry').$type<AreaGeometry>().notNull(),
    minLongitude: doublePrecision('min_longitude').notNull(),
    minLatitude: doublePrecision('min_latitude').notNull(),
    maxLongitude: doublePrecision('max_longitude').notNull(),
    maxLatitude: doublePrecision('max_latitude').notNull(),
  },
  (t) => [
    check(
      'stop_search_boundaries_box',
      sql`${t.minLongitude} <= ${t.maxLongitude} and ${t.minLatitude} <= ${t.maxLatitude}`,
    ),
  ],
);

/** LEG-04: the census's usual residents of each borough by broad ethnic group. */
export const stopSearchPopulation = pgTable(
  'stop_search_population',
  {
    boroughId: uuid('borough_id')
      .notNull()
      .references(() => organisations.id),
    ethnicGroup: text('ethnic_group').notNull(),
    people: integer('people').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boroughId, t.ethnicGroup] }),
    check('stop_search_population_group', isOneOf(t.ethnicGroup, ETHNIC_GROUPS)),
    check('stop_search_population_people', sql`${t.people} >= 0`),
  ],
);

export const REFERENCE_KINDS = ['boundaries', 'population'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** An area in a reference file that is not one of Bridge's boroughs: listed, not loaded. */
export interface SkippedArea {
  code: string;
  name: string | null;
}

/**
 * LEG-04: the reference file of each kind in use: what it was, who loaded it and when, the
 * areas it gave that are not Bridge's boroughs, and (population) its source and date.
 */
export const stopSearchReferenceFiles = pgTable(
  'stop_search_reference_files',
  {
    kind: text('kind').primaryKey(),
    fileName: text('file_name').notNull(),
    /** Population: where the figures come from, as the officer gave it. */
    source: text('source'),
    /** Population: the date the figures describe (census day). */
    asOf: date('as_of', { mode: 'string' }),
    /** The boroughs loaded. */
    boroughs: integer('boroughs').notNull(),
    skipped: jsonb('skipped').$type<SkippedArea[]>().notNull().default([]),
    /**
     * Boundaries: when every search was last placed in its borough by them; null while the
     * searches are being placed (a month at a time, after the boundaries are stored).
     */
    placedAt: timestamp('placed_at', { withTimezone: true }),
    loadedBy: uuid('loaded_by').references(() => users.id),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('stop_search_reference_files_kind', isOneOf(t.kind, REFERENCE_KINDS))],
);
