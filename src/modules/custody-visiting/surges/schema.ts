/**
 * ICV-10, LEG-05: a surge: in disturbances the scheme manager raises the target visits a week of
 * some suites for a period, so visits are stepped up to match demand.
 */
import { date, index, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../../platform/db/columns.js';
import { custodySuites } from '../schema.js';

export const custodySurges = pgTable(
  'custody_surges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Its name or reason, as the statistics show it ("Disturbances in August"). */
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Its last day: the one declared, or the day it was ended early. */
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The last day as declared (later than `endsOn` when ended early). */
    declaredEndsOn: date('declared_ends_on', { mode: 'string' }).notNull(),
    /** The raised target: visits a week to each of its suites while it runs. */
    visitsPerWeek: numeric('visits_per_week', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    ...recordVersioning(),
  },
  // The rota and statistics find the surges overlapping a quarter.
  (t) => [index('custody_surges_period_idx').on(t.endsOn, t.startsOn)],
);

/** The suites a surge covers. */
export const custodySurgeSuites = pgTable(
  'custody_surge_suites',
  {
    surgeId: requiredRef('surge_id', () => custodySurges.id, { onDelete: 'cascade' }),
    suiteId: requiredRef('suite_id', () => custodySuites.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.surgeId, t.suiteId] }),
    index('custody_surge_suites_suite_idx').on(t.suiteId),
  ],
);
