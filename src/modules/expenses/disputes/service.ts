/**
 * IAG-13: an advisor who disagrees with a decision on their claim disputes it. It goes first to
 * the group's chair (a chair's own claim, or a group without a chair, goes to the Director). The
 * chair who agrees with the advisor sends the claim back to the coordination unit for a new
 * decision; one who does not leaves the advisor free to refer it to the Director, whose decision
 * is the last: upheld, the claim is approved in full. Each stage's decision and reason is kept.
 */
import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, hasRole } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import type { Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import {
  findClaim,
  isClaimant,
  itemsOfClaim,
  sendBackForNewDecision,
  type Claim,
} from '../access.js';
import { expensePaths as paths } from '../paths.js';
import {
  disputeProblem,
  firstDisputeStage,
  mayDecideDispute,
  mayReferToDirector,
  type DisputeStage,
} from '../rules.js';
import { queueLetter, type ExpensesServiceDeps } from '../service-deps.js';
import { expenseClaims, expenseDisputes, expenseItems } from '../schema.js';
import { say } from '../../../platform/i18n/said.js';

type Input = Record<string, string | string[] | undefined>;
type Dispute = typeof expenseDisputes.$inferSelect;

export type DisputesService = ReturnType<typeof createDisputesService>;

export function createDisputesService(deps: ExpensesServiceDeps) {
  const { db, directory, groups, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

  /** The accounts that hold the chair role for the group: who decides at the first stage. */
  const chairsOf = (executor: Executor, groupId: string) =>
    activeRoleHolders(executor, 'chair', { type: 'group', id: groupId });

  const directors = (executor: Executor) => activeRoleHolders(executor, 'director');

  /** The claim's open dispute, if any (the claim's lock keeps it still while it changes). */
  async function openDispute(executor: Executor, claimId: string) {
    const latest = await latestDispute(executor, claimId);
    return latest?.status === 'open' ? latest : null;
  }

  /** The claim's most recent dispute, which decides what may happen next (IAG-13). */
  async function latestDispute(executor: Executor, claimId: string) {
    const [latest] = await executor
      .select()
      .from(expenseDisputes)
      .where(eq(expenseDisputes.claimId, claimId))
      .orderBy(desc(expenseDisputes.raisedAt))
      .limit(1);
    return latest ?? null;
  }

  /** Whoever decides at this stage, told there is a dispute waiting. */
  async function tellDeciders(tx: Executor, claim: Claim, stage: DisputeStage) {
    const to = stage === 'chair' ? await chairsOf(tx, claim.groupId) : await directors(tx);
    for (const person of to.filter((p) => p.userId !== claim.claimantUserId))
      await queueLetter(deps, tx, {
        to: person.email,
        name: person.name,
        subject: t('expenses:disputes.mail.decidersSubject', { reference: claim.reference }),
        lines: [
          t('expenses:disputes.mail.decidersBody', {
            reference: claim.reference,
            occasion: claim.occasionText,
          }),
        ],
        path: paths.dispute(claim.id),
      });
  }

  /** Tells the advisor what was decided: the message's key, given the claim and the reason. */
  async function tellClaimant(tx: Executor, claim: Claim, key: string, reason: string | null) {
    const what = t(key, { reference: claim.reference, reason });
    const claimant = (await directory.directory.lookups.people(tx, [claim.claimantPersonId])).get(
      claim.claimantPersonId,
    );
    if (!claimant?.email) return;
    await queueLetter(deps, tx, {
      to: claimant.email,
      name: claimant.fullName,
      subject: t('expenses:disputes.mail.claimantSubject', { reference: claim.reference }),
      lines: [what],
      path: paths.claim(claim.id),
    });
  }

  /** May this person decide the dispute at the stage it is at? */
  function mayDecide(user: UserPrincipal, claim: Claim, dispute: Dispute) {
    return mayDecideDispute(
      dispute.stage,
      {
        userId: user.userId,
        chairOfGroup: hasRole(user, 'chair', { type: 'group', id: claim.groupId }),
        director: can(user, 'expenses.dispute-final'),
      },
      claim.claimantUserId,
    );
  }

  async function history(executor: Executor, claimId: string) {
    return executor
      .select()
      .from(expenseDisputes)
      .where(eq(expenseDisputes.claimId, claimId))
      .orderBy(asc(expenseDisputes.raisedAt))
      .limit(20);
  }

  return {
    /** The claim's disputes, for its page: what was said and decided at each stage. */
    history: (claimId: string) => history(db, claimId),

    async raiseForm(principal: Principal, claimId: string) {
      const user = requireUser(principal);
      const claim = await findClaim(db, claimId);
      if (!isClaimant(user, claim)) throw new NotFoundError();
      const latest = await latestDispute(db, claimId);
      const refusal = disputeProblem(claim.status, latest);
      if (refusal) throw new ConflictError(say(t, refusal));
      const chairs = await chairsOf(db, claim.groupId);
      return {
        claim,
        stage: firstDisputeStage(
          { chairUserIds: chairs.map((c) => c.userId) },
          user.userId,
          latest,
        ),
      };
    },

    /** IAG-13: the advisor disputes the decision, saying why; it goes to the chair first. */
    async raise(principal: Principal, claimId: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('expenses:disputes.raise.errors.reason') });
      tooLong(t, errors, 'reason', t('expenses:common.theReason'), reason, 2000);
      return db.transaction(async (tx) => {
        const claim = await findClaim(tx, claimId, true);
        if (!isClaimant(user, claim)) throw new NotFoundError();
        const latest = await latestDispute(tx, claimId);
        const refusal = disputeProblem(claim.status, latest);
        if (refusal) throw new ConflictError(say(t, refusal), 'reason');
        if (errors.length) throw new ValidationError(errors);
        const chairs = await chairsOf(tx, claim.groupId);
        const stage = firstDisputeStage(
          { chairUserIds: chairs.map((c) => c.userId) },
          user.userId,
          latest,
        );
        const [dispute] = await tx
          .insert(expenseDisputes)
          .values({ claimId, raisedBy: user.userId, raisedAt: now(), reason: reason!, stage })
          .returning();
        await tellDeciders(tx, claim, stage);
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-dispute.raised',
          recordType: 'expense-claim',
          recordId: claimId,
          after: dispute,
        });
        return { dispute: dispute!, claim };
      });
    },

    /** The disputes waiting for this person: a chair's for their groups, the Director's last. */
    async waiting(principal: Principal, page: PageRequest) {
      const user = requireUser(principal);
      const chairOf = user.roles.flatMap((g) =>
        g.role === 'chair' && g.scopeType === 'group' && g.scopeId ? [g.scopeId] : [],
      );
      const director = can(user, 'expenses.dispute-final');
      const conditions = [
        ...(chairOf.length
          ? [and(eq(expenseDisputes.stage, 'chair'), inArray(expenseClaims.groupId, chairOf))]
          : []),
        ...(director ? [eq(expenseDisputes.stage, 'director')] : []),
      ];
      if (!conditions.length) return { items: [], total: 0 };
      const where = and(eq(expenseDisputes.status, 'open'), or(...conditions));
      const [items, [total]] = await Promise.all([
        db
          .select({
            claimId: expenseClaims.id,
            reference: expenseClaims.reference,
            occasionText: expenseClaims.occasionText,
            claimant: directory.personNameSql(expenseClaims.claimantPersonId),
            claimantUserId: expenseClaims.claimantUserId,
            groupName: groups.groupNameSql(expenseClaims.groupId),
            stage: expenseDisputes.stage,
            raisedAt: expenseDisputes.raisedAt,
          })
          .from(expenseDisputes)
          .innerJoin(expenseClaims, eq(expenseClaims.id, expenseDisputes.claimId))
          .where(where)
          .orderBy(asc(expenseDisputes.raisedAt))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: count() })
          .from(expenseDisputes)
          .innerJoin(expenseClaims, eq(expenseClaims.id, expenseDisputes.claimId))
          .where(where),
      ]);
      return {
        // Never one's own claim, even as its group's chair.
        items: items.filter((d) => d.claimantUserId !== user.userId),
        total: Number(total?.n ?? 0),
      };
    },

    /** The dispute of a claim, for whoever decides it at its stage. */
    async decisionForm(principal: Principal, claimId: string) {
      const user = requireUser(principal);
      const claim = await findClaim(db, claimId);
      const dispute = await openDispute(db, claimId);
      if (!dispute || !mayDecide(user, claim, dispute)) throw new NotFoundError();
      const [items, claimants, past] = await Promise.all([
        itemsOfClaim(db, claimId),
        directory.directory.lookups.people(db, [claim.claimantPersonId]),
        history(db, claimId),
      ]);
      return {
        claim,
        dispute,
        items,
        claimantName: claimants.get(claim.claimantPersonId)?.fullName ?? '',
        history: past,
      };
    },

    /**
     * IAG-13: the decision at the dispute's stage, with its reason. The chair: upheld sends the
     * claim back to the coordination unit for a new decision; not upheld leaves the advisor free
     * to refer it to the Director. The Director: upheld approves the claim in full; either way
     * it is the last word.
     */
    async decide(principal: Principal, claimId: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const decision = text(input.decision);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (decision !== 'upheld' && decision !== 'not_upheld')
        errors.push({ field: 'decision', message: t('expenses:disputes.decide.errors.decision') });
      if (!reason)
        errors.push({ field: 'reason', message: t('expenses:disputes.decide.errors.reason') });
      tooLong(t, errors, 'reason', t('expenses:common.theReason'), reason, 2000);
      return db.transaction(async (tx) => {
        const claim = await findClaim(tx, claimId, true);
        const dispute = await openDispute(tx, claimId);
        if (!dispute || !mayDecide(user, claim, dispute)) throw new NotFoundError();
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        const upheld = decision === 'upheld';
        if (dispute.stage === 'chair') {
          await tx
            .update(expenseDisputes)
            .set({
              status: upheld ? 'upheld' : 'not_upheld',
              chairDecision: upheld ? 'upheld' : 'not_upheld',
              chairReason: reason,
              chairDecidedBy: user.userId,
              chairDecidedAt: at,
            })
            .where(eq(expenseDisputes.id, dispute.id));
          if (upheld) {
            // Back to the unit, which decides the claim again in the light of the chair's view.
            await sendBackForNewDecision(
              tx,
              claimId,
              t('expenses:disputes.decide.chairUpheldReason', { reason }),
            );
          }
          await tellClaimant(
            tx,
            claim,
            upheld ? 'expenses:disputes.mail.chairUpheld' : 'expenses:disputes.mail.chairNotUpheld',
            reason,
          );
        } else {
          await tx
            .update(expenseDisputes)
            .set({
              status: upheld ? 'upheld' : 'not_upheld',
              directorDecision: upheld ? 'upheld' : 'not_upheld',
              directorReason: reason,
              directorDecidedBy: user.userId,
              directorDecidedAt: at,
            })
            .where(eq(expenseDisputes.id, dispute.id));
          if (upheld) {
            const items = await tx
              .update(expenseItems)
              .set({ approvedPence: sql`${expenseItems.claimedPence}`, approvalReason: null })
              .where(eq(expenseItems.claimId, claimId))
              .returning({ claimedPence: expenseItems.claimedPence });
            await tx
              .update(expenseClaims)
              .set({
                status: 'approved',
                approvedPence: items.reduce((sum, i) => sum + i.claimedPence, 0),
                decidedBy: user.userId,
                decidedAt: at,
                decisionReason: t('expenses:disputes.decide.directorUpheldReason', { reason }),
              })
              .where(eq(expenseClaims.id, claimId));
          }
          await tellClaimant(
            tx,
            claim,
            upheld
              ? 'expenses:disputes.mail.directorUpheld'
              : 'expenses:disputes.mail.directorNotUpheld',
            reason,
          );
        }
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-dispute.decided',
          recordType: 'expense-claim',
          recordId: claimId,
          before: { stage: dispute.stage, status: dispute.status },
          after: { stage: dispute.stage, decision, reason },
        });
        return { claim, stage: dispute.stage, upheld };
      });
    },

    /** IAG-13: the advisor refers a dispute the chair did not uphold to the Director. */
    async referForm(principal: Principal, claimId: string) {
      const user = requireUser(principal);
      const claim = await findClaim(db, claimId);
      if (!isClaimant(user, claim)) throw new NotFoundError();
      const latest = await latestDispute(db, claimId);
      if (!mayReferToDirector(latest))
        throw new ConflictError(t('expenses:disputes.refer.errors.notReferable'));
      return { claim, dispute: latest! };
    },

    async refer(principal: Principal, claimId: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('expenses:disputes.refer.errors.reason') });
      tooLong(t, errors, 'reason', t('expenses:common.theReason'), reason, 2000);
      return db.transaction(async (tx) => {
        const claim = await findClaim(tx, claimId, true);
        if (!isClaimant(user, claim)) throw new NotFoundError();
        const latest = await latestDispute(tx, claimId);
        if (!mayReferToDirector(latest))
          throw new ConflictError(t('expenses:disputes.refer.errors.notReferable'), 'reason');
        if (errors.length) throw new ValidationError(errors);
        await tx
          .update(expenseDisputes)
          .set({ stage: 'director', status: 'open', referredAt: now(), referralReason: reason })
          .where(eq(expenseDisputes.id, latest!.id));
        await tellDeciders(tx, claim, 'director');
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-dispute.referred',
          recordType: 'expense-claim',
          recordId: claimId,
          after: { stage: 'director', reason },
        });
        return { claim };
      });
    },
  };
}
