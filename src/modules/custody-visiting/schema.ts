/**
 * The custody visiting scheme (ICV-01, ICV-02): the custody suites visited, each with its target
 * number of visits a week, and the panel per borough or custody area with its coordinator.
 */
import { sql } from 'drizzle-orm';
import { index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../platform/db/columns.js';
import { people } from '../directory/schema.js';

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
