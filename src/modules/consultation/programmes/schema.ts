/**
 * CON-02: a consultation programme for a year's policing plan, and its dated stages, each with
 * its owner from the directory, its planned and actual dates, and whether it is the fieldwork
 * (which may name the consultation that carries it out).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../../platform/db/columns.js';
import { people } from '../../directory/schema.js';
import { consultations } from '../schema.js';

export const consultationProgrammes = pgTable(
  'consultation_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** The plan it serves, by its first year: 2027 is the 2027/28 policing plan. */
    planYear: integer('plan_year').notNull(),
    ...recordVersioning(),
  },
  // The list runs by plan year, the latest first.
  (t) => [index('consultation_programmes_year_idx').on(t.planYear, t.createdAt)],
);

export const consultationProgrammeStages = pgTable(
  'consultation_programme_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: requiredRef('programme_id', () => consultationProgrammes.id, {
      onDelete: 'cascade',
    }),
    /** Its place in the programme, from 1. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    plannedStart: date('planned_start', { mode: 'string' }).notNull(),
    plannedEnd: date('planned_end', { mode: 'string' }).notNull(),
    actualStart: date('actual_start', { mode: 'string' }),
    actualEnd: date('actual_end', { mode: 'string' }),
    fieldwork: boolean('fieldwork').notNull().default(false),
    /** The consultation that is this stage's fieldwork, if one is run in Bridge. */
    consultationId: uuid('consultation_id').references(() => consultations.id, {
      onDelete: 'set null',
    }),
    note: text('note'),
    ...recordVersioning(),
  },
  (t) => [
    // Not unique: moving a stage swaps two positions, which a unique index refuses mid-statement.
    index('consultation_programme_stages_programme_idx').on(t.programmeId, t.position),
    index('consultation_programme_stages_owner_idx').on(t.ownerId),
    index('consultation_programme_stages_consultation_idx').on(t.consultationId),
    check('consultation_programme_stages_planned', sql`${t.plannedEnd} >= ${t.plannedStart}`),
    check(
      'consultation_programme_stages_actual',
      sql`${t.actualEnd} IS NULL OR (${t.actualStart} IS NOT NULL AND ${t.actualEnd} >= ${t.actualStart})`,
    ),
  ],
);
