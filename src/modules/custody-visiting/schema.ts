/**
 * The custody visiting scheme (ICV-01, ICV-02): the custody suites visited, each with its target
 * number of visits a week, and the panel per borough or custody area with its coordinator.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../platform/db/columns.js';
import { people } from '../directory/schema.js';
import { LEAVING_REASONS } from './visitor-rules.js';

export const custodySuites = pgTable(
  'custody_suites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The borough or custody area: a suite belongs to the panel of the same area. */
    area: text('area').notNull(),
    address: text('address').notNull(),
    cells: integer('cells').notNull(),
    /** ICV-03: visits a week the rota aims for (0.5 is fortnightly). */
    targetVisitsPerWeek: numeric('target_visits_per_week', {
      precision: 4,
      scale: 2,
      mode: 'number',
    }).notNull(),
    ...recordVersioning(),
  },
  // The register filters by area whatever its case, as a panel finds its suites.
  (t) => [index('custody_suites_area_idx').on(sql`lower(${t.area})`, t.name)],
);

export const custodyPanels = pgTable(
  'custody_panels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** ICV-02: one panel per borough or custody area. */
    area: text('area').notNull(),
    coordinatorId: requiredRef('coordinator_id', () => people.id),
    ...recordVersioning(),
  },
  (t) => [
    // ICV-02: one panel an area, "Camden" and "camden" being one.
    uniqueIndex('custody_panels_area_key').on(sql`lower(${t.area})`),
    index('custody_panels_coordinator_idx').on(t.coordinatorId),
  ],
);

/**
 * ICV-01, ICV-02: a lay visitor of a panel, from their independence declaration to their
 * appointment, each step's latest record on the row (the audit trail keeps the earlier ones).
 * A person is a visitor once, on one panel.
 */
export const custodyVisitors = pgTable(
  'custody_visitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: requiredRef('person_id', () => people.id),
    panelId: requiredRef('panel_id', () => custodyPanels.id),
    /** ICV-01: declared not police, nor otherwise directly in the criminal justice system. */
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    interviewedOn: date('interviewed_on', { mode: 'string' }),
    /** Who sat on the interview panel, as written. */
    interviewPanel: text('interview_panel'),
    interviewOutcome: text('interview_outcome', { enum: ['suitable', 'unsuitable'] }),
    vettingResult: text('vetting_result', { enum: ['cleared', 'refused'] }),
    vettedOn: date('vetted_on', { mode: 'string' }),
    vettingExpiresOn: date('vetting_expires_on', { mode: 'string' }),
    appointedOn: date('appointed_on', { mode: 'string' }),
    /** The end of the current term: the appointment's or the latest renewal's. */
    termEndsOn: date('term_ends_on', { mode: 'string' }),
    renewedOn: date('renewed_on', { mode: 'string' }),
    /** Probation begins with the appointment and lasts about six months. */
    probationSignedOffOn: date('probation_signed_off_on', { mode: 'string' }),
    probationSignedOffBy: text('probation_signed_off_by'),
    suspendedFrom: date('suspended_from', { mode: 'string' }),
    suspensionReason: text('suspension_reason'),
    /** ICV-02, ICV-10: the day a visitor left the scheme, and why; never on the rota after. */
    leftOn: date('left_on', { mode: 'string' }),
    leavingReason: text('leaving_reason', { enum: LEAVING_REASONS }),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('custody_visitors_person_key').on(t.personId),
    index('custody_visitors_panel_idx').on(t.panelId),
    // ICV-10: the statistics count a quarter's appointments and leavers.
    index('custody_visitors_appointed_idx').on(t.appointedOn),
    index('custody_visitors_left_idx').on(t.leftOn),
  ],
);

/** ICV-02: the training courses a visitor has done; the induction course makes them trained. */
export const custodyVisitorCourses = pgTable(
  'custody_visitor_courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitorId: requiredRef('visitor_id', () => custodyVisitors.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    induction: boolean('induction').notNull().default(false),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('custody_visitor_courses_visitor_idx').on(t.visitorId, t.completedOn)],
);

/**
 * ICV-03: a panel's rota for a quarter (named by its first day): opened when the coordinator
 * asks the visitors for their availability, drawn once (a re-draw is asked for explicitly).
 */
export const custodyRotaRounds = pgTable(
  'custody_rota_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: requiredRef('panel_id', () => custodyPanels.id, { onDelete: 'cascade' }),
    quarterStart: date('quarter_start', { mode: 'string' }).notNull(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    ...recordVersioning(),
  },
  (t) => [uniqueIndex('custody_rota_rounds_panel_quarter_key').on(t.panelId, t.quarterStart)],
);

/** ICV-03: the weeks of the quarter a visitor cannot do, and a note for the coordinator. */
export const custodyAvailability = pgTable(
  'custody_availability',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: requiredRef('round_id', () => custodyRotaRounds.id, { onDelete: 'cascade' }),
    visitorId: requiredRef('visitor_id', () => custodyVisitors.id, { onDelete: 'cascade' }),
    unavailableWeeks: date('unavailable_weeks', { mode: 'string' })
      .array()
      .notNull()
      .default(sql`'{}'::date[]`),
    note: text('note').notNull().default(''),
    ...recordVersioning(),
  },
  (t) => [uniqueIndex('custody_availability_round_visitor_key').on(t.roundId, t.visitorId)],
);

/**
 * ICV-03: a visit on the rota: a pair of visitors (never one alone: `pairRefusal`), a suite and
 * a week. The
 * day and time are the pair's alone. A visit missed is re-drawn (`replacesVisitId` on the new
 * one); a visitor swapped out is kept (`swappedOutId`).
 */
export const custodyVisits = pgTable(
  'custody_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: requiredRef('panel_id', () => custodyPanels.id),
    suiteId: requiredRef('suite_id', () => custodySuites.id),
    quarterStart: date('quarter_start', { mode: 'string' }).notNull(),
    weekStarting: date('week_starting', { mode: 'string' }).notNull(),
    firstVisitorId: requiredRef('first_visitor_id', () => custodyVisitors.id, {
      onDelete: 'cascade',
    }),
    secondVisitorId: requiredRef('second_visitor_id', () => custodyVisitors.id, {
      onDelete: 'cascade',
    }),
    status: text('status', { enum: ['planned', 'made', 'missed'] })
      .notNull()
      .default('planned'),
    /** Fixed by the pair, seen by the pair alone (unannounced). */
    visitOn: date('visit_on', { mode: 'string' }),
    /** Minutes after midnight, London time. */
    visitMinutes: integer('visit_minutes'),
    replacesVisitId: uuid('replaces_visit_id'),
    swappedOutId: uuid('swapped_out_id'),
    swappedAt: timestamp('swapped_at', { withTimezone: true }),
    ...recordVersioning(),
  },
  (t) => [
    index('custody_visits_panel_quarter_idx').on(t.panelId, t.quarterStart, t.weekStarting),
    index('custody_visits_suite_week_idx').on(t.suiteId, t.weekStarting),
    // ICV-10: a quarter's statistics count every suite's visits of the quarter.
    index('custody_visits_quarter_idx').on(t.quarterStart, t.suiteId),
    index('custody_visits_first_visitor_idx').on(t.firstVisitorId, t.weekStarting),
    index('custody_visits_second_visitor_idx').on(t.secondVisitorId, t.weekStarting),
  ],
);
