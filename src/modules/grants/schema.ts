/**
 * Grants (issue 26 parts 2 to 4; CON-04, CON-05, LEG-06, CDRP-12): funds with a budget for each
 * reporting year, published criteria and conditions; rounds; applications with their budget lines
 * and outcomes; assessors' scores; the panel's decision; payments in instalments; monitoring
 * returns against each budget line and outcome; underspend and clawback; the evaluation.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import {
  isOneOf,
  recordVersioning,
  requiredRef,
  searchDocument,
} from '../../platform/db/columns.js';
import { organisations } from '../directory/schema.js';
import { engagementGroups } from '../engagement/schema.js';
import {
  ADJUSTMENT_KINDS,
  APPLICANT_KINDS,
  APPLICATION_STATUSES,
  EVALUATION_RATINGS,
  FUND_KINDS,
  LINK_KINDS,
  MAX_SCORE,
  PROGRESS_STATUSES,
} from './constants.js';

export const grantFunds = pgTable(
  'grant_funds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** What the fund is for, as published to applicants. */
    description: text('description').notNull(),
    /** The conditions every award from it carries (LEG-06: evaluation among them). */
    conditions: text('conditions').notNull(),
    /** Who may apply (APPLICANT_KINDS). */
    applicantKinds: text('applicant_kinds').array().notNull(),
    /** Months between monitoring returns (3: quarterly, the default). */
    returnIntervalMonths: integer('return_interval_months').notNull().default(3),
    /** A fund no longer used: kept for its history, offered for no new round. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Why it was closed, if the officer said. */
    closedReason: text('closed_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('grant_funds_name_idx').on(t.name),
    check('grant_funds_kind', isOneOf(t.kind, FUND_KINDS)),
    check(
      'grant_funds_applicant_kinds',
      sql`${t.applicantKinds} <@ array[${sql.raw(APPLICANT_KINDS.map((k) => `'${k}'`).join(', '))}]::text[] and cardinality(${t.applicantKinds}) > 0`,
    ),
    check('grant_funds_interval', sql`${t.returnIntervalMonths} between 1 and 12`),
  ],
);

/**
 * A fund's budget for a reporting year and what is committed against it. The award that would
 * take `committed_pence` past `budget_pence` is refused by one conditional update (and this check,
 * should anything else try): never over-committed, even with two panels deciding at once.
 */
export const grantFundYears = pgTable(
  'grant_fund_years',
  {
    fundId: requiredRef('fund_id', () => grantFunds.id, { onDelete: 'cascade' }),
    /** The reporting year by the calendar year it starts in (2025 for 2025-26). */
    startYear: integer('start_year').notNull(),
    budgetPence: integer('budget_pence').notNull(),
    committedPence: integer('committed_pence').notNull().default(0),
    ...recordVersioning(),
  },
  (t) => [
    primaryKey({ columns: [t.fundId, t.startYear] }),
    check(
      'grant_fund_years_budget',
      sql`${t.budgetPence} >= 0 and ${t.committedPence} between 0 and ${t.budgetPence}`,
    ),
  ],
);

/**
 * A fund's published criteria, each with its weight in the assessment: what its rounds not yet
 * fixed will be assessed against (a fixed round has its own copy, `grant_round_criteria`).
 */
export const grantCriteria = pgTable(
  'grant_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: requiredRef('fund_id', () => grantFunds.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    guidance: text('guidance'),
    weight: integer('weight').notNull(),
    ...recordVersioning(),
  },
  (t) => [
    index('grant_criteria_fund_idx').on(t.fundId, t.position),
    check('grant_criteria_weight', sql`${t.weight} between 1 and 10`),
  ],
);

/** A round of a fund: applications open and close on its dates, for one reporting year's budget. */
export const grantRounds = pgTable(
  'grant_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: requiredRef('fund_id', () => grantFunds.id),
    startYear: integer('start_year').notNull(),
    title: text('title').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    /** When applicants are told (published with the round). */
    decisionsBy: date('decisions_by', { mode: 'string' }),
    /**
     * CON-04: when its criteria were fixed (copied to `grant_round_criteria`); until then it
     * follows its fund's.
     */
    criteriaFixedAt: timestamp('criteria_fixed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    index('grant_rounds_fund_idx').on(t.fundId, t.opensOn),
    index('grant_rounds_dates_idx').on(t.opensOn, t.closesOn),
    // The public grants awarded filtered by reporting year (and fund).
    index('grant_rounds_year_idx').on(t.startYear, t.fundId),
    check('grant_rounds_dates', sql`${t.closesOn} >= ${t.opensOn}`),
  ],
);

/**
 * CON-04: the criteria a round's applications are assessed against, copied from its fund's when
 * the round is fixed (its first application submitted, or its fund's criteria changed once it
 * had opened). Never changed afterwards: a later change to the fund's criteria reaches neither
 * the round's applications nor the scores they were given.
 */
export const grantRoundCriteria = pgTable(
  'grant_round_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: requiredRef('round_id', () => grantRounds.id, { onDelete: 'cascade' }),
    /** The fund's criterion it was copied from (none once that one is removed). */
    criterionId: uuid('criterion_id').references(() => grantCriteria.id, { onDelete: 'set null' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    guidance: text('guidance'),
    weight: integer('weight').notNull(),
  },
  (t) => [
    uniqueIndex('grant_round_criteria_position_idx').on(t.roundId, t.position),
    check('grant_round_criteria_weight', sql`${t.weight} between 1 and 10`),
  ],
);

/**
 * An application to a round. The applicant is named by its kind and record (an engagement group,
 * or a directory organisation: a borough, its partnership's borough, a community organisation),
 * with its name as it stood and the borough the money is spent in (none: area-wide).
 */
export const grantApplications = pgTable(
  'grant_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The number applicants and finance quote ("G-1042"). */
    reference: integer('reference').generatedAlwaysAsIdentity().notNull().unique(),
    roundId: requiredRef('round_id', () => grantRounds.id),
    applicantKind: text('applicant_kind').notNull(),
    engagementGroupId: uuid('engagement_group_id').references(() => engagementGroups.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    applicantName: text('applicant_name').notNull(),
    boroughId: uuid('borough_id').references(() => organisations.id),
    projectTitle: text('project_title').notNull(),
    summary: text('summary'),
    objectives: text('objectives'),
    activities: text('activities'),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    status: text('status').notNull().default('draft'),
    /** The sum of the budget lines when submitted. */
    requestedPence: integer('requested_pence'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    /** The panel's decision: when, who recorded it, the panel, why, how much, on what conditions. */
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    panel: text('panel'),
    decisionReason: text('decision_reason'),
    awardedPence: integer('awarded_pence'),
    conditions: text('conditions'),
    search: searchDocument((): AnyPgColumn[] => [
      grantApplications.applicantName,
      grantApplications.projectTitle,
      grantApplications.summary,
    ]),
    ...recordVersioning(),
  },
  (t) => [
    index('grant_applications_round_idx').on(t.roundId, t.status),
    index('grant_applications_group_idx').on(t.engagementGroupId, t.status),
    index('grant_applications_organisation_idx').on(t.organisationId, t.status),
    index('grant_applications_borough_idx').on(t.boroughId, t.status),
    index('grant_applications_status_idx').on(t.status, t.submittedAt),
    // The public grants awarded, newest decided first.
    index('grant_applications_decided_idx').on(t.status, t.decidedAt),
    index('grant_applications_search_idx').using('gin', t.search),
    check('grant_applications_kind', isOneOf(t.applicantKind, APPLICANT_KINDS)),
    check('grant_applications_status', isOneOf(t.status, APPLICATION_STATUSES)),
    check(
      'grant_applications_applicant',
      sql`(${t.applicantKind} = 'engagement_group') = (${t.engagementGroupId} is not null)
        and (${t.applicantKind} = 'engagement_group') = (${t.organisationId} is null)`,
    ),
    check(
      'grant_applications_award',
      sql`(${t.status} = 'awarded') = (${t.awardedPence} is not null)
        and coalesce(${t.awardedPence}, 1) > 0`,
    ),
    check(
      'grant_applications_decided',
      sql`(${t.status} in ('awarded', 'declined')) = (${t.decidedAt} is not null)`,
    ),
  ],
);

/** What the money is for, line by line (integer pence). */
export const grantBudgetLines = pgTable(
  'grant_budget_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => grantApplications.id, {
      onDelete: 'cascade',
    }),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    amountPence: integer('amount_pence').notNull(),
  },
  (t) => [
    index('grant_budget_lines_application_idx').on(t.applicationId, t.position),
    check('grant_budget_lines_amount', sql`${t.amountPence} > 0`),
  ],
);

/** An outcome the project promises and how it will be measured. */
export const grantOutcomes = pgTable(
  'grant_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => grantApplications.id, {
      onDelete: 'cascade',
    }),
    position: integer('position').notNull(),
    outcome: text('outcome').notNull(),
    measure: text('measure').notNull(),
  },
  (t) => [index('grant_outcomes_application_idx').on(t.applicationId, t.position)],
);

/**
 * An assessor asked to score an application. A conflict of interest declared removes them: their
 * scores, if any, are not counted.
 */
export const grantAssessments = pgTable(
  'grant_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => grantApplications.id, {
      onDelete: 'cascade',
    }),
    assessorId: requiredRef('assessor_id', () => users.id),
    assignedBy: uuid('assigned_by').references(() => users.id),
    conflictDeclaredAt: timestamp('conflict_declared_at', { withTimezone: true }),
    conflictNote: text('conflict_note'),
    comments: text('comments'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('grant_assessments_unique_idx').on(t.applicationId, t.assessorId),
    index('grant_assessments_assessor_idx').on(t.assessorId, t.submittedAt),
    check(
      'grant_assessments_conflict_or_scored',
      sql`not (${t.conflictDeclaredAt} is not null and ${t.submittedAt} is not null)`,
    ),
  ],
);

export const grantScores = pgTable(
  'grant_scores',
  {
    assessmentId: requiredRef('assessment_id', () => grantAssessments.id, {
      onDelete: 'cascade',
    }),
    /** CON-04: a criterion of the application's round, as fixed when it was submitted. */
    criterionId: requiredRef('criterion_id', () => grantRoundCriteria.id, {
      onDelete: 'cascade',
    }),
    score: integer('score').notNull(),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.criterionId] }),
    check('grant_scores_range', sql`${t.score} between 0 and ${sql.raw(String(MAX_SCORE))}`),
  ],
);

/** Awarded grants paid in batches exported for the finance system, like expense batches. */
export const grantPaymentBatches = pgTable('grant_payment_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: integer('reference').generatedAlwaysAsIdentity().notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  paymentCount: integer('payment_count').notNull(),
  totalPence: integer('total_pence').notNull(),
  exportedAt: timestamp('exported_at', { withTimezone: true }),
  paidBy: uuid('paid_by').references(() => users.id),
  paidAt: timestamp('paid_at', { withTimezone: true }),
});

/** An award's instalment: due on a date, then put in a batch and paid. */
export const grantPayments = pgTable(
  'grant_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => grantApplications.id, {
      onDelete: 'cascade',
    }),
    instalment: integer('instalment').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amountPence: integer('amount_pence').notNull(),
    batchId: uuid('batch_id').references(() => grantPaymentBatches.id),
    /** A later instalment held back (a return overdue, a condition not met), with why. */
    heldReason: text('held_reason'),
  },
  (t) => [
    uniqueIndex('grant_payments_instalment_idx').on(t.applicationId, t.instalment),
    index('grant_payments_due_idx').on(t.batchId, t.dueOn),
    check('grant_payments_amount', sql`${t.amountPence} > 0`),
  ],
);

/** LEG-06, CDRP-12: a monitoring return due for a period of an awarded grant. */
export const grantReturns = pgTable(
  'grant_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => grantApplications.id, {
      onDelete: 'cascade',
    }),
    period: integer('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** The last period's return is the final one. */
    final: boolean('final').notNull().default(false),
    progress: text('progress'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** When it was last chased by e-mail for being late. */
    chasedAt: timestamp('chased_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('grant_returns_period_idx').on(t.applicationId, t.period),
    // The late returns: not sent and due before today.
    index('grant_returns_due_idx').on(t.submittedAt, t.dueOn),
    check('grant_returns_dates', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** A return's spend against one budget line in its period. */
export const grantReturnSpend = pgTable(
  'grant_return_spend',
  {
    returnId: requiredRef('return_id', () => grantReturns.id, { onDelete: 'cascade' }),
    budgetLineId: requiredRef('budget_line_id', () => grantBudgetLines.id, {
      onDelete: 'cascade',
    }),
    spentPence: integer('spent_pence').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.returnId, t.budgetLineId] }),
    index('grant_return_spend_line_idx').on(t.budgetLineId),
    check('grant_return_spend_amount', sql`${t.spentPence} >= 0`),
  ],
);

/** A return's progress against one outcome. */
export const grantReturnProgress = pgTable(
  'grant_return_progress',
  {
    returnId: requiredRef('return_id', () => grantReturns.id, { onDelete: 'cascade' }),
    outcomeId: requiredRef('outcome_id', () => grantOutcomes.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.returnId, t.outcomeId] }),
    check('grant_return_progress_status', isOneOf(t.status, PROGRESS_STATUSES)),
  ],
);

/** CDRP-12: underspend and clawback, each giving back to the fund's year what it names. */
export const grantAdjustments = pgTable(
  'grant_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => grantApplications.id, {
      onDelete: 'cascade',
    }),
    kind: text('kind').notNull(),
    amountPence: integer('amount_pence').notNull(),
    /**
     * A clawback's part beyond the instalments still to be paid (which it cut first): money paid
     * out already, to be asked back. Always 0 for an underspend.
     */
    recoverPence: integer('recover_pence').notNull().default(0),
    reason: text('reason').notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('grant_adjustments_application_idx').on(t.applicationId),
    check('grant_adjustments_kind', isOneOf(t.kind, ADJUSTMENT_KINDS)),
    check('grant_adjustments_amount', sql`${t.amountPence} > 0`),
    check(
      'grant_adjustments_recover',
      sql`${t.recoverPence} >= 0 and ${t.recoverPence} <= ${t.amountPence}`,
    ),
  ],
);

/**
 * LEG-06: the evaluation at the end of a grant, of its effectiveness and its value for money;
 * required before the same applicant is awarded again.
 */
export const grantEvaluations = pgTable(
  'grant_evaluations',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    effectiveness: text('effectiveness').notNull(),
    valueForMoney: text('value_for_money').notNull(),
    findings: text('findings').notNull(),
    lessons: text('lessons'),
    evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
    evaluatedBy: uuid('evaluated_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    check('grant_evaluations_effectiveness', isOneOf(t.effectiveness, EVALUATION_RATINGS)),
    check('grant_evaluations_value', isOneOf(t.valueForMoney, EVALUATION_RATINGS)),
  ],
);

/**
 * What a grant is tied to elsewhere in Bridge (a meeting it paid for, a recommendation or a
 * consultation it answers), named by kind and record like a meeting's body (ADR 0005).
 */
export const grantLinks = pgTable(
  'grant_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => grantApplications.id, {
      onDelete: 'cascade',
    }),
    kind: text('kind').notNull(),
    targetId: uuid('target_id').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grant_links_unique_idx').on(t.applicationId, t.kind, t.targetId),
    index('grant_links_target_idx').on(t.kind, t.targetId),
    check('grant_links_kind', isOneOf(t.kind, LINK_KINDS)),
  ],
);
