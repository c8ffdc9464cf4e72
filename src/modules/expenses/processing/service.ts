/**
 * The coordination unit decides claims (IAG-11): approves, part-approves item by item with
 * reasons, or rejects with a reason. An approval above a set amount needs a second approver;
 * nobody decides their own claim. The advisor is e-mailed the decision; an approval that would
 * take the group past its budget for the year is warned of.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { reportingYearOf } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { formatPence, readPounds } from '../../../platform/money/pence.js';
import { findClaim, itemsOfClaim, sendBackForNewDecision, type Claim } from '../access.js';
import { expensePaths as paths } from '../paths.js';
import {
  budgetWarning,
  deciderProblem,
  decisionOutcome,
  itemApprovalProblem,
  needsSecondApproval,
  type ClaimStatus,
  type Decision,
} from '../rules.js';
import { queueLetter, type ExpensesServiceDeps } from '../service-deps.js';
import { expenseBudgets, expenseClaims, expenseItems } from '../schema.js';
import { type Said, say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

type Input = Record<string, string | string[] | undefined>;

/** Claims whose approved amount counts against the group's budget: decided and not rejected. */
export const SPENDING: readonly ClaimStatus[] = [
  'awaiting_second_approval',
  'approved',
  'part_approved',
  'paid',
];

export type ExpenseProcessingService = ReturnType<typeof createExpenseProcessingService>;

export function createExpenseProcessingService(
  deps: ExpensesServiceDeps & { secondApprovalAbovePence: number },
) {
  const { db, directory, groups, t } = deps;
  const worded = (problem: Said) => say(t, problem);
  const sayAny = (problem: Said | null) => problem && worded(problem);
  const now = () => (deps.now ? deps.now() : new Date());

  function requireUnit(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user' || !can(principal, 'expenses.process'))
      throw new ForbiddenError();
    return principal;
  }

  /** The group's budget for the reporting year the claim arrived in, and what it has spent. */
  async function budgetPosition(executor: Executor, claim: Claim) {
    const year = reportingYearOf(claim.submittedOn!);
    const [[budget], [spent]] = await Promise.all([
      executor
        .select({ amountPence: expenseBudgets.amountPence })
        .from(expenseBudgets)
        .where(
          and(
            eq(expenseBudgets.groupId, claim.groupId),
            eq(expenseBudgets.yearStart, year.startYear),
          ),
        ),
      executor
        .select({ pence: sql<string>`coalesce(sum(${expenseClaims.approvedPence}), 0)` })
        .from(expenseClaims)
        .where(
          and(
            eq(expenseClaims.groupId, claim.groupId),
            inArray(expenseClaims.status, [...SPENDING]),
            sql`${expenseClaims.submittedOn} between ${year.start} and ${year.end}`,
          ),
        ),
    ]);
    return { year, budget: budget ?? null, spentPence: Number(spent?.pence ?? 0) };
  }

  async function claimantOf(executor: Executor, claim: Claim) {
    const found = await directory.directory.lookups.people(executor, [claim.claimantPersonId]);
    return found.get(claim.claimantPersonId);
  }

  /** Tells the advisor what was decided on their claim. */
  async function tellClaimant(tx: Executor, claim: Claim, status: ClaimStatus, approved: number) {
    const claimant = await claimantOf(tx, claim);
    if (!claimant?.email) return;
    const outcome = status === 'rejected' || status === 'part_approved' ? status : 'approved';
    const what = t(`expenses:processing.mail.what.${outcome}`, {
      approved: formatPence(approved),
      claimed: formatPence(claim.claimedPence),
    });
    await queueLetter(deps, tx, {
      to: claimant.email,
      name: claimant.fullName,
      subject: t(`expenses:processing.mail.subject.${outcome}`, { reference: claim.reference }),
      lines: [
        t('expenses:processing.mail.body', {
          reference: claim.reference,
          occasion: claim.occasionText,
          what,
        }),
        t(
          status === 'approved'
            ? 'expenses:processing.mail.paidNext'
            : 'expenses:processing.mail.reasons',
        ),
      ],
      path: paths.claim(claim.id),
    });
  }

  return {
    secondApprovalAbovePence: deps.secondApprovalAbovePence,

    /** Claims waiting for a decision or a second approval, the longest waiting first. */
    async queue(principal: Principal, page: PageRequest) {
      const user = requireUnit(principal);
      const where = inArray(expenseClaims.status, ['submitted', 'awaiting_second_approval']);
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: expenseClaims.id,
            reference: expenseClaims.reference,
            status: expenseClaims.status,
            claimant: directory.personNameSql(expenseClaims.claimantPersonId),
            claimantUserId: expenseClaims.claimantUserId,
            decidedBy: expenseClaims.decidedBy,
            groupName: groups.groupNameSql(expenseClaims.groupId),
            occasionText: expenseClaims.occasionText,
            claimedPence: expenseClaims.claimedPence,
            approvedPence: expenseClaims.approvedPence,
            submittedOn: expenseClaims.submittedOn,
          })
          .from(expenseClaims)
          .where(where)
          .orderBy(asc(expenseClaims.submittedAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(expenseClaims).where(where),
      ]);
      return {
        items: items.map((c) => ({ ...c, mayDecide: deciderProblem(c, user.userId) === null })),
        total: Number(total?.n ?? 0),
      };
    },

    /** The claim to decide, with its items and the group's budget position. */
    async decisionForm(principal: Principal, claimId: string) {
      const user = requireUnit(principal);
      const claim = await findClaim(db, claimId);
      const refusal = deciderProblem(claim, user.userId);
      if (refusal) throw new ConflictError(worded(refusal));
      const [items, position, claimant, [group]] = await Promise.all([
        itemsOfClaim(db, claimId),
        budgetPosition(db, claim),
        claimantOf(db, claim),
        groups.groupsByIds(db, [claim.groupId]),
      ]);
      return {
        claim,
        items,
        claimantName: claimant?.fullName ?? '',
        groupName: group?.name ?? '',
        ...position,
        // What approving it in full would do to the budget.
        warning: sayAny(
          budgetWarning(
            position.budget,
            position.spentPence - (claim.approvedPence ?? 0),
            claim.claimedPence,
          ),
        ),
        needsSecond: needsSecondApproval(claim.claimedPence, deps.secondApprovalAbovePence),
      };
    },

    /**
     * Decides a claim: approve in full, part-approve (an amount and a reason for each item
     * reduced) or reject (with a reason). Above the threshold it then waits for a second
     * approver; otherwise the advisor is told at once.
     */
    async decide(principal: Principal, claimId: string, input: Input, auditRequestId?: string) {
      const user = requireUnit(principal);
      const decision = text(input.decision) as Decision | null;
      const errors: FieldError[] = [];
      if (decision !== 'approve' && decision !== 'part_approve' && decision !== 'reject')
        errors.push({
          field: 'decision',
          message: t('expenses:processing.decide.errors.decision'),
        });
      const reason = text(input.reason);
      tooLong(t, errors, 'reason', t('expenses:common.theReason'), reason, 2000);
      if (decision === 'reject' && !reason)
        errors.push({ field: 'reason', message: t('expenses:processing.decide.errors.reason') });
      return db.transaction(async (tx) => {
        const claim = await findClaim(tx, claimId, true);
        const refusal = deciderProblem(claim, user.userId);
        if (refusal) throw new ConflictError(worded(refusal), 'decision');
        if (claim.status !== 'submitted')
          throw new ConflictError(t('expenses:processing.decide.errors.waitingSecond'), 'decision');
        const items = await itemsOfClaim(tx, claimId);
        const decided = items.map((item) => {
          if (decision === 'approve') return { ...item, approved: item.claimedPence, why: null };
          if (decision === 'reject') return { ...item, approved: 0, why: reason };
          const approved = readPounds(text(input[`approved-${item.id}`]), item.claimedPence);
          const why = text(input[`reason-${item.id}`]);
          const problem = itemApprovalProblem(item.claimedPence, approved, why ?? undefined);
          if (problem)
            errors.push({
              field: `${problem.field}-${item.id}`,
              message: t('expenses:processing.decide.errors.item', {
                problem: worded(problem),
                date: formatDate(t, item.incurredOn),
                description: item.description,
              }),
            });
          tooLong(t, errors, `reason-${item.id}`, t('expenses:common.theReason'), why, 500);
          return { ...item, approved: typeof approved === 'number' ? approved : 0, why };
        });
        if (errors.length) throw new ValidationError(errors);
        const outcome = decisionOutcome(
          decided.map((d) => ({ claimedPence: d.claimedPence, approvedPence: d.approved })),
        );
        const approvedPence = decided.reduce((sum, d) => sum + d.approved, 0);
        if (decision === 'part_approve' && outcome === 'approved')
          throw new ValidationError([
            {
              field: 'decision',
              message: t('expenses:processing.decide.errors.allInFull'),
            },
          ]);
        const status: ClaimStatus =
          outcome !== 'rejected' &&
          needsSecondApproval(approvedPence, deps.secondApprovalAbovePence)
            ? 'awaiting_second_approval'
            : outcome;
        for (const d of decided)
          await tx
            .update(expenseItems)
            .set({ approvedPence: d.approved, approvalReason: d.why })
            .where(eq(expenseItems.id, d.id));
        const position = await budgetPosition(tx, claim);
        const at = now();
        await tx
          .update(expenseClaims)
          .set({
            status,
            approvedPence,
            decidedBy: user.userId,
            decidedAt: at,
            decisionReason: reason,
          })
          .where(eq(expenseClaims.id, claimId));
        if (status !== 'awaiting_second_approval')
          await tellClaimant(tx, claim, status, approvedPence);
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-claim.decided',
          recordType: 'expense-claim',
          recordId: claimId,
          before: { status: claim.status },
          after: {
            status,
            approvedPence,
            reason,
            items: decided.map((d) => ({ id: d.id, approvedPence: d.approved, reason: d.why })),
          },
        });
        return {
          status,
          reference: claim.reference,
          warning:
            outcome === 'rejected'
              ? null
              : sayAny(budgetWarning(position.budget, position.spentPence, approvedPence)),
        };
      });
    },

    async secondApprovalForm(principal: Principal, claimId: string) {
      const user = requireUnit(principal);
      const claim = await findClaim(db, claimId);
      if (claim.status !== 'awaiting_second_approval')
        throw new ConflictError(t('expenses:processing.second.errors.notWaiting'));
      const refusal = deciderProblem(claim, user.userId);
      if (refusal) throw new ConflictError(worded(refusal));
      const [items, claimant] = await Promise.all([
        itemsOfClaim(db, claimId),
        claimantOf(db, claim),
      ]);
      return { claim, items, claimantName: claimant?.fullName ?? '' };
    },

    /**
     * The second approver confirms the approval, or sends the claim back for a new decision
     * with a reason; never the first approver, never the claimant.
     */
    async secondApproval(
      principal: Principal,
      claimId: string,
      input: Input,
      auditRequestId?: string,
    ) {
      const user = requireUnit(principal);
      const answer = text(input.confirm);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (answer !== 'yes' && answer !== 'no')
        errors.push({ field: 'confirm', message: t('expenses:processing.second.errors.confirm') });
      if (answer === 'no' && !reason)
        errors.push({ field: 'reason', message: t('expenses:processing.second.errors.reason') });
      tooLong(t, errors, 'reason', t('expenses:common.theReason'), reason, 2000);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const claim = await findClaim(tx, claimId, true);
        if (claim.status !== 'awaiting_second_approval')
          throw new ConflictError(t('expenses:processing.second.errors.notWaiting'), 'confirm');
        const refusal = deciderProblem(claim, user.userId);
        if (refusal) throw new ConflictError(worded(refusal), 'confirm');
        const items = await itemsOfClaim(tx, claimId);
        const at = now();
        let status: ClaimStatus;
        if (answer === 'yes') {
          status = decisionOutcome(
            items.map((i) => ({
              claimedPence: i.claimedPence,
              approvedPence: i.approvedPence ?? 0,
            })),
          );
          await tx
            .update(expenseClaims)
            .set({ status, secondApprovedBy: user.userId, secondApprovedAt: at })
            .where(eq(expenseClaims.id, claimId));
          await tellClaimant(tx, claim, status, claim.approvedPence ?? 0);
        } else {
          status = 'submitted';
          await sendBackForNewDecision(
            tx,
            claimId,
            t('expenses:processing.second.sentBackReason', { reason }),
          );
        }
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: answer === 'yes' ? 'expense-claim.second-approved' : 'expense-claim.sent-back',
          recordType: 'expense-claim',
          recordId: claimId,
          before: { status: claim.status, decidedBy: claim.decidedBy },
          after: { status, reason },
        });
        return { status, reference: claim.reference };
      });
    },
  };
}
