/**
 * Tracked sources (reviews, scrutinies, inquiries, inspections, boards' scrutinies, work plans,
 * annual reports), their recommendations, key points and actions (TRK-01), every update to an
 * action, and the committee reports produced from them.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { requiredRef } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/schema.js';
import { organisations, people } from '../directory/schema.js';
import { advisoryGroups } from '../groups/schema.js';
import { ACTION_RESULTS, RECOMMENDATION_STATUSES, SOURCE_KINDS } from './rules.js';

/**
 * What an update records: an action imported, added or progressed; a change of a
 * recommendation's standing; or something a manager wrote being edited, withdrawn (with the
 * reason) or removed before any progress was reported against it.
 */
export const UPDATE_KINDS = [
  'imported',
  'added',
  'progress',
  'standing',
  'edited',
  'withdrawn',
  'removed',
] as const;

/** What an edit, withdrawal or removal was made to. */
export const UPDATE_SUBJECTS = ['source', 'part', 'recommendation', 'key_point', 'action'] as const;

/** One field an edit changed, as it read before and after. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export const trackerSourceKindEnum = pgEnum('tracker_source_kind', SOURCE_KINDS);
export const recommendationStatusEnum = pgEnum(
  'tracker_recommendation_status',
  RECOMMENDATION_STATUSES,
);
export const actionResultEnum = pgEnum('tracker_action_result', ACTION_RESULTS);
/** How much of a completion date the record gives (see rules.CompletedOn). */
export const completionPrecisionEnum = pgEnum('tracker_completion_precision', [
  'day',
  'month',
  'unrecorded',
]);

/** When a tracker row was made and last changed: set by the services, with no database default. */
const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Something with progress reported against it is never removed: it is withdrawn, with the
 * reason, and stays in the record and its history (issue 23).
 */
const withdrawal = {
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnReason: text('withdrawn_reason'),
};

export const trackerSources = pgTable(
  'tracker_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    kind: trackerSourceKindEnum('kind').notNull(),
    /** Where it was published or reported, e.g. "Committee, 8 December 2005, report 6". */
    reference: text('reference'),
    /** The source's own date, where known. */
    sourceDate: date('source_date', { mode: 'string' }),
    /** The body that owns the response: a unit, directorate, borough or the authority. */
    ownerOrganisationId: uuid('owner_organisation_id').references(() => organisations.id),
    /** The committee its progress is reported to. */
    reportsTo: text('reports_to'),
    /** LEG-07, LEG-02: the group that monitors it to completion. */
    monitoredBy: text('monitored_by'),
    isPublic: boolean('is_public').notNull().default(false),
    /** IAG-26, IAG-28: when the source itself is due (an annual report, the next review). */
    dueOn: date('due_on', { mode: 'string' }),
    receivedOn: date('received_on', { mode: 'string' }),
    /**
     * IAG-25, IAG-26: the advisory group whose work schedule or annual report this is, and the
     * reporting year it covers (the year it starts in: 2025 for 2025-26).
     */
    groupId: uuid('group_id').references(() => advisoryGroups.id),
    coversYear: integer('covers_year'),
    /** A sentence or two on what the source is, for lists and the top of its report. */
    summary: text('summary'),
    /**
     * The source's context shown above its items (seed 002's "Issues", seed 003's principles
     * and terms of reference): formatted text, paragraphs and lists.
     */
    introduction: text('introduction'),
    createdBy: uuid('created_by').references(() => users.id),
    ...withdrawal,
    ...timestamps(),
  },
  (t) => [
    index('tracker_sources_title_idx').on(t.title),
    index('tracker_sources_kind_idx').on(t.kind, t.title),
    index('tracker_sources_public_idx')
      .on(t.title)
      .where(sql`${t.isPublic}`),
    uniqueIndex('tracker_sources_group_year_key')
      .on(t.kind, t.groupId, t.coversYear)
      .where(sql`${t.groupId} is not null`),
    index('tracker_sources_due_idx')
      .on(t.dueOn)
      .where(sql`${t.receivedOn} is null`),
    check(
      'tracker_sources_withdrawn_check',
      sql`(${t.withdrawnAt} is null) = (${t.withdrawnReason} is null)`,
    ),
  ],
);

/**
 * A source's parts, each numbering its items afresh (seed 002's Appendix 4: "Objectives" 1 to 3,
 * then "MPA Action Plan 2002/03" 1 to 10). A source with one list of items has no parts.
 */
export const trackerParts = pgTable(
  'tracker_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => trackerSources.id),
    title: text('title').notNull(),
    /** Its place in the source. */
    position: integer('position').notNull(),
    /** Withdrawn, everything in it is left out of the counts (issue 23). */
    ...withdrawal,
    ...timestamps(),
  },
  (t) => [
    index('tracker_parts_source_idx').on(t.sourceId, t.position),
    check(
      'tracker_parts_withdrawn_check',
      sql`(${t.withdrawnAt} is null) = (${t.withdrawnReason} is null)`,
    ),
  ],
);

export const trackerRecommendations = pgTable(
  'tracker_recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: requiredRef('source_id', () => trackerSources.id),
    /** The part of the source it is numbered in; null where the source has no parts. */
    partId: uuid('part_id').references(() => trackerParts.id),
    /** As the source numbers it: 4, 10a, 2.3. Unique within its part (or source). */
    number: text('number').notNull(),
    /** Its place in its part (or source), in the source's order. */
    position: integer('position').notNull(),
    /** The heading it sits under in the source, if any. */
    section: text('section'),
    text: text('text').notNull(),
    status: recommendationStatusEnum('status').notNull().default('accepted'),
    supersededById: uuid('superseded_by_id').references(
      (): AnyPgColumn => trackerRecommendations.id,
    ),
    rationale: text('rationale'),
    ...withdrawal,
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('tracker_recommendations_number_key')
      .on(t.sourceId, t.number)
      .where(sql`${t.partId} is null`),
    uniqueIndex('tracker_recommendations_part_number_key')
      .on(t.partId, t.number)
      .where(sql`${t.partId} is not null`),
    index('tracker_recommendations_position_idx').on(t.sourceId, t.position),
    index('tracker_recommendations_part_idx').on(t.partId, t.position),
    check(
      'tracker_recommendations_superseded_check',
      sql`(${t.status} = 'superseded') = (${t.supersededById} is not null)`,
    ),
    check(
      'tracker_recommendations_rationale_check',
      sql`${t.status} <> 'not_accepted' or ${t.rationale} is not null`,
    ),
    check(
      'tracker_recommendations_withdrawn_check',
      sql`(${t.withdrawnAt} is null) = (${t.withdrawnReason} is null)`,
    ),
  ],
);

export const trackerKeyPoints = pgTable(
  'tracker_key_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recommendationId: requiredRef('recommendation_id', () => trackerRecommendations.id),
    position: integer('position').notNull(),
    /** As the source numbers it (2.1, a, ii), if it does; unique within its recommendation. */
    number: text('number'),
    text: text('text').notNull(),
    ...withdrawal,
    ...timestamps(),
  },
  (t) => [
    index('tracker_key_points_recommendation_idx').on(t.recommendationId, t.position),
    uniqueIndex('tracker_key_points_number_key')
      .on(t.recommendationId, t.number)
      .where(sql`${t.number} is not null`),
    check(
      'tracker_key_points_withdrawn_check',
      sql`(${t.withdrawnAt} is null) = (${t.withdrawnReason} is null)`,
    ),
  ],
);

export const trackerActions = pgTable(
  'tracker_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for an action directly under its recommendation or objective (issue 23). */
    keyPointId: uuid('key_point_id').references(() => trackerKeyPoints.id),
    /** Kept here too, so a source's actions are found without joining through its tree. */
    sourceId: requiredRef('source_id', () => trackerSources.id),
    recommendationId: requiredRef('recommendation_id', () => trackerRecommendations.id),
    position: integer('position').notNull(),
    /** As the source numbers it (3.6, a, ii), if it does; unique among its siblings. */
    number: text('number'),
    /** Null where the source gives the key point's result with no separate action. */
    description: text('description'),
    dueOn: date('due_on', { mode: 'string' }),
    result: actionResultEnum('result').notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
    completedPrecision: completionPrecisionEnum('completed_precision'),
    narrative: text('narrative'),
    /** For a stale edit: the form carries the version it was read at. */
    version: integer('version').notNull().default(1),
    ...withdrawal,
    ...timestamps(),
  },
  (t) => [
    index('tracker_actions_key_point_idx').on(t.keyPointId, t.position),
    // A recommendation's tree is read by recommendation: its own actions and its key points'.
    index('tracker_actions_recommendation_idx').on(t.recommendationId, t.position),
    uniqueIndex('tracker_actions_key_point_number_key')
      .on(t.keyPointId, t.number)
      .where(sql`${t.number} is not null and ${t.keyPointId} is not null`),
    uniqueIndex('tracker_actions_recommendation_number_key')
      .on(t.recommendationId, t.number)
      .where(sql`${t.number} is not null and ${t.keyPointId} is null`),
    check(
      'tracker_actions_withdrawn_check',
      sql`(${t.withdrawnAt} is null) = (${t.withdrawnReason} is null)`,
    ),
    index('tracker_actions_source_idx').on(t.sourceId),
    index('tracker_actions_open_due_idx')
      .on(t.dueOn)
      .where(sql`${t.result} <> 'completed'`),
    // TRK-01: Completed has its date (or says none was given); nothing else has one.
    check(
      'tracker_actions_completed_check',
      sql`(${t.result} = 'completed') = (${t.completedPrecision} is not null)`,
    ),
    check(
      'tracker_actions_completed_on_check',
      sql`(${t.completedOn} is null) = (${t.completedPrecision} is null or ${t.completedPrecision} = 'unrecorded')`,
    ),
  ],
);

/**
 * CON-08, TRK-01: who leads a key point (a work plan's strand) or owns an action: each a person in
 * the directory (who need not be a user) or a unit, directorate or borough, as many as the plan
 * names, in its order.
 */
export const trackerLeads = pgTable(
  'tracker_leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    keyPointId: uuid('key_point_id').references(() => trackerKeyPoints.id),
    actionId: uuid('action_id').references(() => trackerActions.id),
    personId: uuid('person_id').references(() => people.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** Its place among the key point's leads or the action's owners. */
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Each also finds a key point's leads or an action's owners (nulls never clash).
    uniqueIndex('tracker_leads_key_point_person_key').on(t.keyPointId, t.personId),
    uniqueIndex('tracker_leads_key_point_organisation_key').on(t.keyPointId, t.organisationId),
    uniqueIndex('tracker_leads_action_person_key').on(t.actionId, t.personId),
    uniqueIndex('tracker_leads_action_organisation_key').on(t.actionId, t.organisationId),
    index('tracker_leads_person_idx').on(t.personId),
    index('tracker_leads_organisation_idx').on(t.organisationId),
    check('tracker_leads_of_check', sql`(${t.keyPointId} is null) <> (${t.actionId} is null)`),
    check('tracker_leads_who_check', sql`(${t.personId} is null) <> (${t.organisationId} is null)`),
  ],
);

/**
 * Every change to an action (its result, completion date and narrative after the change) and to
 * a recommendation's standing (accepted, superseded, not accepted), with who made it and when.
 * A recommendation's history is these, in order; a report as at a date reads the last of each
 * before it.
 */
export const trackerUpdates = pgTable(
  'tracker_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The action changed; null for a change of the recommendation's standing. */
    actionId: uuid('action_id').references(() => trackerActions.id),
    /** Null for an edit, withdrawal or removal of the source itself or of one of its parts. */
    recommendationId: uuid('recommendation_id').references(() => trackerRecommendations.id),
    sourceId: requiredRef('source_id', () => trackerSources.id),
    kind: text('kind', { enum: UPDATE_KINDS }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /**
     * The day it happened, when that was before it was recorded (a back-filled update); null
     * when it happened the day it was recorded. A report as at a date reads updates by this.
     */
    happenedOn: date('happened_on', { mode: 'string' }),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorLabel: text('author_label').notNull(),
    result: actionResultEnum('result'),
    completedOn: date('completed_on', { mode: 'string' }),
    completedPrecision: completionPrecisionEnum('completed_precision'),
    narrative: text('narrative'),
    /** For a change of standing: the standing after it, what supersedes it, and why. */
    standing: recommendationStatusEnum('standing'),
    supersededByNumber: text('superseded_by_number'),
    /** The reason for a change of standing, or for a withdrawal. */
    rationale: text('rationale'),
    /**
     * For an edit, withdrawal or removal: what it was made to, and its id (kept without a
     * reference: a removed thing's id outlives it).
     */
    subject: text('subject', { enum: UPDATE_SUBJECTS }),
    subjectId: uuid('subject_id'),
    /** For an edit: each field changed, before and after; for a removal: what was removed. */
    changes: jsonb('changes').$type<FieldChange[]>(),
  },
  (t) => [
    index('tracker_updates_action_idx').on(t.actionId, t.recordedAt),
    index('tracker_updates_recommendation_idx').on(t.recommendationId, t.recordedAt),
    index('tracker_updates_source_idx').on(t.sourceId, t.recordedAt),
    index('tracker_updates_subject_idx')
      .on(t.subjectId, t.recordedAt)
      .where(sql`${t.subjectId} is not null`),
    check(
      'tracker_updates_kind_check',
      sql`${t.kind} in ('imported', 'added', 'progress', 'standing', 'edited', 'withdrawn', 'removed')`,
    ),
    // An action's update has its action and result; a change of standing has the standing and
    // its recommendation; an edit, withdrawal or removal says what it was made to.
    check(
      'tracker_updates_shape_check',
      sql`(${t.kind} in ('imported', 'added', 'progress')) = (${t.result} is not null) and (${t.kind} in ('imported', 'added', 'progress') = (${t.actionId} is not null) or ${t.kind} in ('edited', 'withdrawn')) and (${t.kind} = 'standing') = (${t.standing} is not null) and (${t.kind} <> 'standing' or ${t.recommendationId} is not null) and (${t.kind} in ('edited', 'withdrawn', 'removed')) = (${t.subject} is not null and ${t.subjectId} is not null)`,
    ),
    check(
      'tracker_updates_withdrawn_check',
      sql`${t.kind} <> 'withdrawn' or ${t.rationale} is not null`,
    ),
  ],
);

/** A progress report produced for a committee: what "changed since the last report" is measured from. */
export const trackerReports = pgTable(
  'tracker_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: requiredRef('source_id', () => trackerSources.id),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** The meeting it was attached to as a paper, if it was. */
    meetingId: uuid('meeting_id'),
    producedBy: uuid('produced_by').references(() => users.id),
    producedAt: timestamp('produced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('tracker_reports_source_idx').on(t.sourceId, t.asOf)],
);
