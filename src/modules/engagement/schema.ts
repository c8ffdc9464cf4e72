/**
 * Community and police engagement groups (CON-04, seed 002 paragraphs 19 to 21 and Appendix 4):
 * one or more per borough, each with its officers and constitution. Their minimum standards,
 * position statements, development plans, meetings and feed-up and feed-back are kept beside it.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import {
  isOneOf,
  recordVersioning,
  requiredRef,
  searchDocument,
} from '../../platform/db/columns.js';
import { organisations, people } from '../directory/schema.js';
import { ISSUE_RECIPIENTS, PLAN_HEADINGS, STANDINGS } from './rules.js';

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
    /** The register's search by name (prefixTsQuery), kept by PostgreSQL. */
    search: searchDocument((): AnyPgColumn[] => [engagementGroups.name]),
    ...recordVersioning(),
  },
  (t) => [
    index('engagement_groups_borough_idx').on(t.boroughId, t.name),
    index('engagement_groups_search_idx').using('gin', t.search),
    index('engagement_groups_chair_idx').on(t.chairId),
    index('engagement_groups_secretary_idx').on(t.secretaryId),
    index('engagement_groups_treasurer_idx').on(t.treasurerId),
    check('engagement_groups_name_check', sql`length(trim(${t.name})) > 0`),
  ],
);

/** CON-04: the minimum standards a group is assessed against; retired ones are kept for history. */
export const engagementStandards = pgTable(
  'engagement_standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "MS1": short, unique, shown beside the title. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** The order the register lists them in. */
    position: integer('position').notNull(),
    retiredOn: date('retired_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('engagement_standards_code_key').on(t.code),
    index('engagement_standards_position_idx').on(t.position),
  ],
);

/**
 * CON-04: a group's standing against one standard as assessed on a day, with the evidence. A new
 * assessment adds a row (history kept); the latest counts.
 */
export const engagementAssessments = pgTable(
  'engagement_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => engagementGroups.id),
    standardId: requiredRef('standard_id', () => engagementStandards.id),
    standing: text('standing').notNull(),
    evidence: text('evidence').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    assessedBy: uuid('assessed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('engagement_assessments_latest_idx').on(
      t.groupId,
      t.standardId,
      t.assessedOn,
      t.createdAt,
    ),
    index('engagement_assessments_by_idx').on(t.assessedBy),
    check('engagement_assessments_standing', isOneOf(t.standing, STANDINGS)),
  ],
);

/** CON-04: a group's position statement and development plan for a reporting year. */
export const engagementPlans = pgTable(
  'engagement_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => engagementGroups.id),
    /** The reporting year's start year (2026 for 2026-27). */
    startYear: integer('start_year').notNull(),
    agreedAt: timestamp('agreed_at', { withTimezone: true }),
    agreedBy: uuid('agreed_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [uniqueIndex('engagement_plans_group_year_key').on(t.groupId, t.startYear)],
);

/** One of the plan's six headings: where the group stands now, and what it plans, by when. */
export const engagementPlanHeadings = pgTable(
  'engagement_plan_headings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: requiredRef('plan_id', () => engagementPlans.id),
    heading: text('heading').notNull(),
    position: text('position').notNull(),
    plan: text('plan').notNull(),
    targetOn: date('target_on', { mode: 'string' }),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('engagement_plan_headings_key').on(t.planId, t.heading),
    index('engagement_plan_headings_by_idx').on(t.updatedBy),
    check('engagement_plan_headings_heading', isOneOf(t.heading, PLAN_HEADINGS)),
  ],
);

/**
 * CON-04 feed-up and feed-back: an issue a group raises to the authority or the police, what it
 * wants, the answer, and when it was closed.
 */
export const engagementIssues = pgTable(
  'engagement_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => engagementGroups.id),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    raisedBy: uuid('raised_by').references(() => users.id),
    raisedTo: text('raised_to').notNull(),
    issue: text('issue').notNull(),
    wanted: text('wanted').notNull(),
    response: text('response'),
    respondedOn: date('responded_on', { mode: 'string' }),
    respondedBy: uuid('responded_by').references(() => users.id),
    closedOn: date('closed_on', { mode: 'string' }),
    ...recordVersioning(),
  },
  (t) => [
    index('engagement_issues_group_idx').on(t.groupId, t.raisedOn),
    index('engagement_issues_state_idx').on(t.closedOn, t.respondedOn, t.raisedOn),
    index('engagement_issues_raised_by_idx').on(t.raisedBy),
    index('engagement_issues_responded_by_idx').on(t.respondedBy),
    check('engagement_issues_raised_to', isOneOf(t.raisedTo, ISSUE_RECIPIENTS)),
    check(
      'engagement_issues_answered_before_closed',
      sql`${t.closedOn} is null or ${t.respondedOn} is not null`,
    ),
  ],
);
