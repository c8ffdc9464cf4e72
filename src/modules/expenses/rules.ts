/**
 * Advisors' expenses: the domain rules as pure functions. IAG-11 (claims within three months,
 * paid without delay, auditable budgets), IAG-13 (disputes go to the chair, then the Director),
 * IAG-14 (expenses actually incurred, never a fee or a wage). Money is whole pence throughout.
 */
import { calendarMonthsDeadline, type IsoDate } from '../../platform/calendar/index.js';
import { formatPence } from '../../platform/money/pence.js';
import type { GroupType } from '../groups/index.js';
import { type Said } from '../../platform/i18n/said.js';

// What can be claimed (IAG-14)

/**
 * IAG-14: what an advisor may be reimbursed for. There is deliberately no category for a fee, a
 * wage, an honorarium or an attendance allowance: advisors are volunteers, not employees.
 */
export const EXPENSE_CATEGORIES = [
  'public_transport',
  'mileage',
  'parking',
  'subsistence',
  'care',
  'other',
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export function isExpenseCategory(value: unknown): value is ExpenseCategory {
  return EXPENSE_CATEGORIES.includes(value as ExpenseCategory);
}

/** The limits that are settings, in pence. */
export interface ExpenseLimits {
  mileagePencePerMile: number;
  /** The most food and drink that is reimbursed for one day. */
  subsistencePencePerDay: number;
}

/** Mileage is paid at the rate per mile; distances are kept in tenths of a mile. */
export function mileagePence(tenthsOfMile: number, pencePerMile: number): number {
  return Math.round((tenthsOfMile * pencePerMile) / 10);
}

/** The most miles one item may claim, in tenths of a mile: 9,999.9 miles. */
export const MAX_TENTHS_OF_MILE = 99_999;

/**
 * Reads a distance typed in miles ('12', '12.5') as tenths of a mile; `'too-large'` when it is
 * a distance over 9,999.9 miles (so the form can say the limit); null if it is not a distance.
 */
export function parseMiles(text: string | null | undefined): number | 'too-large' | null {
  const match = /^(\d+)(?:\.(\d))?$/.exec((text ?? '').trim());
  if (!match) return null;
  if (match[1]!.replace(/^0+/, '').length > 4) return 'too-large';
  const tenths = Number(match[1]) * 10 + Number(match[2] ?? '0');
  return tenths > 0 ? tenths : null;
}

/**
 * The days on which food and drink claimed (with what is already on the claim) comes to more than
 * the daily limit, with how much was claimed for each.
 */
export function subsistenceOverLimit(
  items: readonly { category: ExpenseCategory; incurredOn: IsoDate; amountPence: number }[],
  limits: ExpenseLimits,
): { day: IsoDate; pence: number }[] {
  const byDay = new Map<IsoDate, number>();
  for (const item of items)
    if (item.category === 'subsistence')
      byDay.set(item.incurredOn, (byDay.get(item.incurredOn) ?? 0) + item.amountPence);
  return [...byDay]
    .filter(([, pence]) => pence > limits.subsistencePencePerDay)
    .map(([day, pence]) => ({ day, pence }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

// The three-month deadline (IAG-11)

export const CLAIM_WINDOW_MONTHS = 3;

/**
 * IAG-11: the last day an expense can reach the coordination unit: three calendar months after
 * the day it was incurred, or that month's last day when it has no such date (31 August gives
 * 30 November). The claim is in time on that day until midnight in London.
 */
export function lastDayToClaim(incurredOn: IsoDate): IsoDate {
  return calendarMonthsDeadline(incurredOn, CLAIM_WINDOW_MONTHS);
}

/** IAG-11: why an item incurred on that day cannot be claimed on `today`, or null if it can. */
export function itemDateProblem(incurredOn: IsoDate, today: IsoDate): Said | null {
  if (incurredOn > today) return { key: 'expenses:rules.itemInFuture' };
  const last = lastDayToClaim(incurredOn);
  if (today > last)
    return {
      key: 'expenses:rules.itemTooLate',
      values: { incurredOn: { date: incurredOn }, last: { date: last } },
    };
  return null;
}

// The life of a claim

export const CLAIM_STATUSES = [
  'draft',
  'submitted',
  'awaiting_second_approval',
  'approved',
  'part_approved',
  'rejected',
  'paid',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A claim is sent once it has at least one item, every item in time (IAG-11). */
export function submissionProblems(
  status: ClaimStatus,
  items: readonly { incurredOn: IsoDate }[],
  today: IsoDate,
): Said[] {
  if (status !== 'draft') return [{ key: 'expenses:rules.alreadySent' }];
  if (!items.length) return [{ key: 'expenses:rules.noItems' }];
  return items.flatMap((i) => itemDateProblem(i.incurredOn, today) ?? []);
}

/** Items are added to, and taken off, a claim only before it is sent. */
export function checkEditable(status: ClaimStatus): Said | null {
  return status === 'draft' ? null : { key: 'expenses:rules.notEditable' };
}

export type Decision = 'approve' | 'part_approve' | 'reject';

/**
 * Who may decide a claim: never the person who claimed it, and for the second approval never
 * the person who made the first.
 */
export function deciderProblem(
  claim: { status: ClaimStatus; claimantUserId: string | null; decidedBy: string | null },
  deciderUserId: string,
): Said | null {
  if (claim.claimantUserId === deciderUserId) return { key: 'expenses:rules.ownClaim' };
  if (claim.status === 'submitted') return null;
  if (claim.status === 'awaiting_second_approval')
    return claim.decidedBy === deciderUserId ? { key: 'expenses:rules.sameApprover' } : null;
  return { key: 'expenses:rules.alreadyDecided' };
}

/** What one item's decision amounts to, or why it cannot be that. */
export function itemApprovalProblem(
  claimedPence: number,
  approvedPence: number | 'too-large' | null,
  reason: string | undefined,
): (Said & { field: 'approved' | 'reason' }) | null {
  if (approvedPence === null) return { key: 'expenses:rules.approvedMissing', field: 'approved' };
  if (approvedPence === 'too-large' || approvedPence > claimedPence)
    return {
      key: 'expenses:rules.approvedTooMuch',
      values: { claimed: formatPence(claimedPence) },
      field: 'approved',
    };
  if (approvedPence < claimedPence && !reason)
    return { key: 'expenses:rules.approvedLessWhy', field: 'reason' };
  return null;
}

/** The claim's state after the unit's decision on every item. */
export function decisionOutcome(
  items: readonly { claimedPence: number; approvedPence: number }[],
): 'approved' | 'part_approved' | 'rejected' {
  const approved = items.reduce((sum, i) => sum + i.approvedPence, 0);
  if (approved === 0) return 'rejected';
  return items.every((i) => i.approvedPence === i.claimedPence) ? 'approved' : 'part_approved';
}

/** An approval above the threshold (a setting) needs a second approver. */
export function needsSecondApproval(approvedPence: number, thresholdPence: number): boolean {
  return approvedPence > thresholdPence;
}

/** Approved claims not yet in a payment batch are the ones a new batch takes. */
export function isPayable(status: ClaimStatus, batchId: string | null): boolean {
  return (status === 'approved' || status === 'part_approved') && batchId === null;
}

// Disputes (IAG-13)

export const DISPUTE_STAGES = ['chair', 'director'] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];

export type DisputeStatus = 'open' | 'upheld' | 'not_upheld';
export type LatestDispute = { stage: DisputeStage; status: DisputeStatus } | null;

/**
 * IAG-13: a decision can be disputed when something claimed was not approved, one dispute at a
 * time. After the chair did not uphold one, the next step is the Director (by referral); after
 * the Director, nothing: that decision is final.
 */
export function disputeProblem(status: ClaimStatus, latest: LatestDispute): Said | null {
  if (latest?.status === 'open') return { key: 'expenses:rules.alreadyDisputed' };
  if (latest?.stage === 'director') return { key: 'expenses:rules.directorFinal' };
  if (latest?.stage === 'chair' && latest.status === 'not_upheld')
    return { key: 'expenses:rules.referInstead' };
  if (status !== 'rejected' && status !== 'part_approved')
    return { key: 'expenses:rules.notDisputable' };
  return null;
}

/**
 * IAG-13: a dispute goes first to the group's chair. It goes straight to the Director when the
 * chair is the claimant or the group has no chair, and when the chair has already been asked
 * (they upheld it, yet the unit's new decision is disputed again: still not resolved).
 */
export function firstDisputeStage(
  group: { chairUserIds: readonly string[] },
  claimantUserId: string,
  latest: LatestDispute = null,
): DisputeStage {
  if (latest?.stage === 'chair') return 'director';
  const others = group.chairUserIds.filter((id) => id !== claimantUserId);
  return others.length ? 'chair' : 'director';
}

/** IAG-13: a dispute the chair did not uphold can be referred to the Director. */
export function mayReferToDirector(latest: LatestDispute): boolean {
  return latest?.stage === 'chair' && latest.status === 'not_upheld';
}

/** IAG-13: who decides at each stage: a chair of the claim's group, then the Director. */
export function mayDecideDispute(
  stage: DisputeStage,
  decider: { userId: string; chairOfGroup: boolean; director: boolean },
  claimantUserId: string | null,
): boolean {
  if (decider.userId === claimantUserId) return false;
  return stage === 'chair' ? decider.chairOfGroup : decider.director;
}

// Budgets

export const BUDGET_HOLDERS = ['dcfd', 'sponsoring_directorate', 'borough'] as const;
export type BudgetHolder = (typeof BUDGET_HOLDERS)[number];

/**
 * Who holds a group's budget, as the review's financial implications say: corporate groups from
 * the Diversity and Citizen Focus Directorate's spend, specialist groups from their sponsoring
 * directorate, borough groups from local budgets. Other kinds follow their owner.
 */
export function budgetHolder(type: GroupType): BudgetHolder {
  if (type === 'corporate_iag' || type === 'corporate_focus') return 'dcfd';
  if (type === 'borough_iag') return 'borough';
  return 'sponsoring_directorate';
}

/** Whether approving this much more would take the group past its budget for the year. */
export function budgetWarning(
  budget: { amountPence: number } | null,
  spentPence: number,
  addingPence: number,
): Said | null {
  if (!budget) return null;
  const after = spentPence + addingPence;
  return after > budget.amountPence
    ? {
        key: 'expenses:rules.overBudget',
        values: { after: formatPence(after), budget: formatPence(budget.amountPence) },
      }
    : null;
}
