/**
 * Community and police engagement groups (CON-04, seed 002 paragraphs 19 to 21 and Appendix 4):
 * one or more per borough, each with its officers and constitution. Their minimum standards,
 * position statements, development plans, meetings and feed-up and feed-back are kept beside it.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordVersioning, requiredRef } from '../../platform/db/columns.js';
import { organisations, people } from '../directory/schema.js';

export const engagementGroups = pgTable(
  'engagement_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The borough it serves (a directory organisation of the borough kind). */
    boroughId: requiredRef('borough_id', () => organisations.id),
    /** "Camden Community and Police Engagement Group". */
    name: text('name').notNull(),
    /** Its officers, as directory people (any may be vacant). */
    chairId: uuid('chair_id').references(() => people.id),
    secretaryId: uuid('secretary_id').references(() => people.id),
    treasurerId: uuid('treasurer_id').references(() => people.id),
    /** Its constitution: when adopted and where it is published. */
    constitutionAdoptedOn: date('constitution_adopted_on', { mode: 'string' }),
    constitutionLink: text('constitution_link'),
    /** Where the public reach it. */
    contactEmail: text('contact_email'),
    /** When it stopped working (merged, wound up); kept for the record. */
    closedOn: date('closed_on', { mode: 'string' }),
    ...recordVersioning(),
  },
  (t) => [
    index('engagement_groups_borough_idx').on(t.boroughId, t.name),
    index('engagement_groups_chair_idx').on(t.chairId),
    index('engagement_groups_secretary_idx').on(t.secretaryId),
    index('engagement_groups_treasurer_idx').on(t.treasurerId),
    check('engagement_groups_name_check', sql`length(trim(${t.name})) > 0`),
  ],
);
