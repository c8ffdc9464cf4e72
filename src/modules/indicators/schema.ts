/**
 * Performance indicators (CON-01, CDRP-10, LEG-04, ICV-10): an indicator's definition, unit,
 * polarity, owner, frequency and breakdown; its target for each period; and its values for each
 * period and breakdown key (null for the whole area, a borough otherwise), each with where it
 * came from, when and by whom.
 *
 * Values and targets are whole hundredths in a bigint (see rules.ts): exact, compared as
 * integers, never floating point, and read by Drizzle as a JavaScript number (safe: at most
 * 10^14, well inside 2^53).
 */
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, recordVersioning, requiredRef } from '../../platform/db/columns.js';
import { organisations } from '../directory/schema.js';
import { BREAKDOWNS, FREQUENCIES, POLARITIES, UNITS, VALUE_SOURCES } from './rules.js';

export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    definition: text('definition').notNull(),
    unit: text('unit', { enum: UNITS }).notNull(),
    polarity: text('polarity', { enum: POLARITIES }).notNull(),
    /** The directory organisation or unit that owns it and gives its figures. */
    ownerId: requiredRef('owner_id', () => organisations.id),
    frequency: text('frequency', { enum: FREQUENCIES }).notNull(),
    breakdown: text('breakdown', { enum: BREAKDOWNS }).notNull(),
    /** CDRP-10, LEG-04: published on the public indicators page. */
    isPublic: boolean('is_public').notNull().default(false),
    /** A figure Bridge counts (a module's measure, "meetings.held"), when its values are that. */
    measureKey: text('measure_key'),
    /** RAG's amber band: a whole percentage of the target. */
    tolerance: integer('tolerance').notNull().default(5),
    ...recordVersioning(),
  },
  (t) => [
    // The list is by name; the public list is of the public ones by name.
    index('indicators_name_idx').on(t.name),
    index('indicators_public_name_idx').on(t.isPublic, t.name),
    index('indicators_owner_idx').on(t.ownerId),
    check('indicators_unit', isOneOf(t.unit, UNITS)),
    check('indicators_polarity', isOneOf(t.polarity, POLARITIES)),
    check('indicators_frequency', isOneOf(t.frequency, FREQUENCIES)),
    check('indicators_breakdown', isOneOf(t.breakdown, BREAKDOWNS)),
    check('indicators_tolerance', sql`${t.tolerance} between 0 and 100`),
  ],
);

/** CON-01: an indicator's target for a period (one value a period, for the whole area). */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: requiredRef('indicator_id', () => indicators.id, { onDelete: 'cascade' }),
    /** The period's first day. */
    period: date('period', { mode: 'string' }).notNull(),
    /** Hundredths. */
    target: bigint('target', { mode: 'number' }).notNull(),
    setBy: uuid('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('indicator_targets_period_key').on(t.indicatorId, t.period),
    check('indicator_targets_period', sql`extract(day from ${t.period}) = 1`),
  ],
);

/**
 * CDRP-10: a value for a period and breakdown key. One a period and key: a correction replaces
 * it, and the audit event keeps the earlier value.
 */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: requiredRef('indicator_id', () => indicators.id, { onDelete: 'cascade' }),
    period: date('period', { mode: 'string' }).notNull(),
    /** The borough it is for; null for the whole area. */
    boroughId: uuid('borough_id').references(() => organisations.id),
    /** Hundredths. */
    value: bigint('value', { mode: 'number' }).notNull(),
    source: text('source', { enum: VALUE_SOURCES }).notNull(),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for a value Bridge counted or imported on its own. */
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [
    // One value a period and key, the whole area's (null) included; the chart reads a key's
    // values by period, and the list the latest of each indicator's whole-area values.
    unique('indicator_values_period_key')
      .on(t.indicatorId, t.boroughId, t.period)
      .nullsNotDistinct(),
    index('indicator_values_period_idx').on(t.indicatorId, t.period),
    index('indicator_values_borough_idx').on(t.boroughId),
    index('indicator_values_recorded_by_idx').on(t.recordedBy),
    check('indicator_values_source', isOneOf(t.source, VALUE_SOURCES)),
    // A period is keyed by its first day, always the first of a month.
    check('indicator_values_period', sql`extract(day from ${t.period}) = 1`),
  ],
);
