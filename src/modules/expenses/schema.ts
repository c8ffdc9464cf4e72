/**
 * Advisors' expense claims, their items and receipts, payment batches, disputes and budgets.
 * Money is whole pence (integer columns) everywhere.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { requiredRef } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/schema.js';
import { organisations, people } from '../directory/schema.js';
import { advisoryGroups } from '../groups/schema.js';
import { BUDGET_HOLDERS, CLAIM_STATUSES, DISPUTE_STAGES, EXPENSE_CATEGORIES } from './rules.js';

export const claimStatusEnum = pgEnum('expense_claim_status', CLAIM_STATUSES);
export const expenseCategoryEnum = pgEnum('expense_category', EXPENSE_CATEGORIES);
export const claimOccasionEnum = pgEnum('expense_occasion', ['meeting', 'deployment', 'other']);

/** What a claim is for, and where it stands. */
export const expenseClaims = pgTable(
  'expense_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: integer('reference').generatedAlwaysAsIdentity().notNull().unique(),
    claimantPersonId: requiredRef('claimant_person_id', () => people.id),
    claimantUserId: uuid('claimant_user_id').references(() => users.id),
    /** The group whose budget pays it. */
    groupId: requiredRef('group_id', () => advisoryGroups.id),
    occasion: claimOccasionEnum('occasion').notNull(),
    meetingId: uuid('meeting_id'),
    deploymentId: uuid('deployment_id'),
    /** What it was for, in words: the meeting or deployment as it was named when claimed. */
    occasionText: text('occasion_text').notNull(),
    status: claimStatusEnum('status').notNull().default('draft'),
    /** The sum of the items claimed, kept with each change to the items. */
    claimedPence: integer('claimed_pence').notNull().default(0),
    approvedPence: integer('approved_pence'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The London day it reached the coordination unit (IAG-11); its reporting year is its budget's. */
    submittedOn: date('submitted_on', { mode: 'string' }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    secondApprovedBy: uuid('second_approved_by').references(() => users.id),
    secondApprovedAt: timestamp('second_approved_at', { withTimezone: true }),
    batchId: uuid('batch_id').references(() => paymentBatches.id),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    index('expense_claims_claimant_idx').on(t.claimantPersonId, t.createdAt),
    // The coordination unit's queue: what waits for a decision, oldest first.
    index('expense_claims_status_idx').on(t.status, t.submittedAt),
    // Spend by group and year, for budgets.
    index('expense_claims_group_idx').on(t.groupId, t.submittedOn),
    index('expense_claims_batch_idx').on(t.batchId),
    check(
      'expense_claims_pence_check',
      sql`${t.claimedPence} >= 0 and coalesce(${t.approvedPence}, 0) >= 0`,
    ),
  ],
);

/** One cost on a claim, with its receipt when there is one. */
export const expenseItems = pgTable(
  'expense_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: requiredRef('claim_id', () => expenseClaims.id),
    category: expenseCategoryEnum('category').notNull(),
    incurredOn: date('incurred_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    /** For mileage: the distance in tenths of a mile, paid at the rate that was set. */
    tenthsOfMile: integer('tenths_of_mile'),
    claimedPence: integer('claimed_pence').notNull(),
    approvedPence: integer('approved_pence'),
    approvalReason: text('approval_reason'),
    receiptFileName: text('receipt_file_name'),
    receiptMediaType: text('receipt_media_type'),
    receiptSizeBytes: integer('receipt_size_bytes'),
    receiptSha256: text('receipt_sha256'),
    receiptStorageKey: text('receipt_storage_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('expense_items_claim_idx').on(t.claimId, t.incurredOn),
    check(
      'expense_items_pence_check',
      sql`${t.claimedPence} > 0 and coalesce(${t.approvedPence}, 0) between 0 and ${t.claimedPence}`,
    ),
  ],
);

/** IAG-11: approved claims paid together, exported for the finance system, then marked paid. */
export const paymentBatches = pgTable('payment_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: integer('reference').generatedAlwaysAsIdentity().notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  claimCount: integer('claim_count').notNull(),
  totalPence: integer('total_pence').notNull(),
  exportedAt: timestamp('exported_at', { withTimezone: true }),
  paidBy: uuid('paid_by').references(() => users.id),
  paidAt: timestamp('paid_at', { withTimezone: true }),
});

export const disputeStageEnum = pgEnum('expense_dispute_stage', DISPUTE_STAGES);
export const disputeStatusEnum = pgEnum('expense_dispute_status', ['open', 'upheld', 'not_upheld']);

/**
 * IAG-13: an advisor's dispute of a decision on their claim: first with the group's chair, then,
 * if not resolved, with the Director. Each stage's decision and reason is kept.
 */
export const expenseDisputes = pgTable(
  'expense_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: requiredRef('claim_id', () => expenseClaims.id),
    raisedBy: uuid('raised_by').references(() => users.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    stage: disputeStageEnum('stage').notNull(),
    status: disputeStatusEnum('status').notNull().default('open'),
    chairDecision: disputeStatusEnum('chair_decision'),
    chairReason: text('chair_reason'),
    chairDecidedBy: uuid('chair_decided_by').references(() => users.id),
    chairDecidedAt: timestamp('chair_decided_at', { withTimezone: true }),
    referredAt: timestamp('referred_at', { withTimezone: true }),
    referralReason: text('referral_reason'),
    directorDecision: disputeStatusEnum('director_decision'),
    directorReason: text('director_reason'),
    directorDecidedBy: uuid('director_decided_by').references(() => users.id),
    directorDecidedAt: timestamp('director_decided_at', { withTimezone: true }),
  },
  (t) => [
    index('expense_disputes_claim_idx').on(t.claimId),
    // One open dispute per claim.
    uniqueIndex('expense_disputes_open_key')
      .on(t.claimId)
      .where(sql`${t.status} = 'open'`),
    index('expense_disputes_stage_idx').on(t.stage, t.status, t.raisedAt),
  ],
);

export const budgetHolderEnum = pgEnum('expense_budget_holder', BUDGET_HOLDERS);

/** A group's expenses budget for a reporting year (April to March), and who holds it. */
export const expenseBudgets = pgTable(
  'expense_budgets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: requiredRef('group_id', () => advisoryGroups.id),
    /** The calendar year the reporting year starts in: 2026 is April 2026 to March 2027. */
    yearStart: integer('year_start').notNull(),
    amountPence: integer('amount_pence').notNull(),
    holder: budgetHolderEnum('holder').notNull(),
    holderOrganisationId: uuid('holder_organisation_id').references(() => organisations.id),
    setBy: uuid('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('expense_budgets_group_year_key').on(t.groupId, t.yearStart),
    index('expense_budgets_year_idx').on(t.yearStart),
    check('expense_budgets_pence_check', sql`${t.amountPence} >= 0`),
  ],
);
