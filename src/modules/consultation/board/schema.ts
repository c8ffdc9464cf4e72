/**
 * CON-01: the consultation strategy board. One board for the area (made on first need), its
 * members from the authority and the police with their dates, its review of a closed
 * consultation's results before they go to the planning panel, and the performance measures it
 * sets for consultation with a target and an actual per financial year. Its approval of a major
 * consultation is on the consultation itself (consultations.approval_minute_item_id).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/schema.js';
import { isOneOf, recordVersioning, requiredRef } from '../../../platform/db/columns.js';
import { BOARD_ROLES, BOARD_SIDES } from '../board-rules.js';
import { people } from '../../directory/schema.js';
import { minuteItems } from '../../meetings/schema.js';
import { consultations } from '../schema.js';

/** The board: one for the area (`singleton` is always true and unique). */
export const consultationBoards = pgTable(
  'consultation_boards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    singleton: boolean('singleton').notNull().default(true),
    name: text('name').notNull(),
    /** What the board is for, as its page shows it (seed 002, para 7). */
    remit: text('remit').notNull(),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('consultation_boards_singleton_key').on(t.singleton),
    check('consultation_boards_one', sql`${t.singleton}`),
  ],
);

/** A person's membership of the board: their side, whether they chair it, and their dates. */
export const consultationBoardMembers = pgTable(
  'consultation_board_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    boardId: requiredRef('board_id', () => consultationBoards.id),
    personId: requiredRef('person_id', () => people.id),
    side: text('side', { enum: BOARD_SIDES }).notNull(),
    role: text('role', { enum: BOARD_ROLES }).notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    /** Their last day; none while they serve. */
    toOn: date('to_on', { mode: 'string' }),
    ...recordVersioning(),
  },
  (t) => [
    index('consultation_board_members_board_idx').on(t.boardId, t.toOn),
    index('consultation_board_members_person_idx').on(t.personId),
    check('consultation_board_members_side', isOneOf(t.side, BOARD_SIDES)),
    check('consultation_board_members_role', isOneOf(t.role, BOARD_ROLES)),
    check('consultation_board_members_dates', sql`${t.toOn} is null or ${t.toOn} >= ${t.fromOn}`),
  ],
);

/** CON-01: the board reviewed a closed consultation's results (before the planning panel). */
export const consultationBoardReviews = pgTable(
  'consultation_board_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: requiredRef('consultation_id', () => consultations.id, {
      onDelete: 'cascade',
    }),
    minuteItemId: requiredRef('minute_item_id', () => minuteItems.id),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultation_board_reviews_consultation_key').on(t.consultationId)],
);

/** CON-01: a performance measure for consultation, which the board sets a target for each year. */
export const consultationMeasures = pgTable(
  'consultation_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** What it counts, in a sentence. */
    counts: text('counts').notNull(),
    /** Its unit as the report shows it ("responses", "%", "£"). */
    unit: text('unit').notNull(),
    higherIsBetter: boolean('higher_is_better').notNull(),
    ...recordVersioning(),
  },
  (t) => [uniqueIndex('consultation_measures_name_key').on(sql`lower(${t.name})`)],
);

/** A measure's target for a financial year (April to March), and the actual once recorded. */
export const consultationMeasureYears = pgTable(
  'consultation_measure_years',
  {
    measureId: requiredRef('measure_id', () => consultationMeasures.id, { onDelete: 'cascade' }),
    /** The calendar year the financial year starts in: 2026 for 2026-27. */
    startYear: integer('start_year').notNull(),
    target: numeric('target', { precision: 14, scale: 2, mode: 'number' }),
    actual: numeric('actual', { precision: 14, scale: 2, mode: 'number' }),
    note: text('note'),
    ...recordVersioning(),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.startYear] }),
    index('consultation_measure_years_year_idx').on(t.startYear),
  ],
);
