/**
 * LEG-06, CDRP-12: an awarded grant's monitoring: its page (the award, spend to date against each
 * budget line, each outcome's latest progress, its returns, adjustments and evaluation), the
 * returns the applicant sends and the authority's officers accept, and the schedule of returns
 * made for a grant that has none. Each action is one transaction with one audit event.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  grantAdjustments,
  grantApplications,
  grantBudgetLines,
  grantEvaluations,
  grantOutcomes,
  grantReturnProgress,
  grantReturns,
  grantReturnSpend,
} from '../schema.js';
import { accessTo, findGrant } from './grant-access.js';
import { evaluationDue, nextSendable, returnState, validateReturn } from './rules.js';
import { scheduleReturns } from './schedule.js';

export type MonitoringService = ReturnType<typeof createMonitoringService>;
type Input = Record<string, string | string[] | undefined>;

export function createMonitoringService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;
  const today = () => todayInLondon(now());

  /** Each budget line with what the sent returns say was spent on it. */
  async function linesWithSpend(executor: Executor, applicationId: string) {
    const spent = executor
      .select({ n: sql`coalesce(sum(${grantReturnSpend.spentPence}), 0)` })
      .from(grantReturnSpend)
      .innerJoin(grantReturns, eq(grantReturns.id, grantReturnSpend.returnId))
      .where(
        and(
          eq(grantReturnSpend.budgetLineId, grantBudgetLines.id),
          isNotNull(grantReturns.submittedAt),
        ),
      );
    const rows = await executor
      .select({
        id: grantBudgetLines.id,
        description: grantBudgetLines.description,
        amountPence: grantBudgetLines.amountPence,
        spentPence: sql<number>`(${spent})::int`,
      })
      .from(grantBudgetLines)
      .where(eq(grantBudgetLines.applicationId, applicationId))
      .orderBy(asc(grantBudgetLines.position));
    return rows.map((r) => ({
      ...r,
      spentPence: Number(r.spentPence),
      remainingPence: r.amountPence - Number(r.spentPence),
    }));
  }

  async function returnsOf(executor: Executor, applicationId: string) {
    return executor
      .select()
      .from(grantReturns)
      .where(eq(grantReturns.applicationId, applicationId))
      .orderBy(asc(grantReturns.period));
  }

  async function findReturn(
    executor: Executor,
    applicationId: string,
    returnId: string,
    lock = false,
  ) {
    if (!isUuid(returnId)) throw new NotFoundError();
    const query = executor
      .select()
      .from(grantReturns)
      .where(and(eq(grantReturns.id, returnId), eq(grantReturns.applicationId, applicationId)));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    /**
     * LEG-06: the grants the person acts for with a return to send now (its period started, not
     * yet sent), each with the earliest such return's due date; for their home page, at most 5.
     */
    async returnsDue(principal: Principal) {
      if (principal?.kind !== 'user') return [];
      const day = today();
      const scopes = (role: string, type: string) =>
        principal.roles
          .filter((g) => g.role === role && g.scopeType === type && g.scopeId)
          .map((g) => g.scopeId!);
      const groups = scopes('engagement_officer', 'engagement_group');
      const boroughs = scopes('partnership_officer', 'borough');
      const person = await directory.directory.lookups.personOfUser(db, principal.userId);
      // Each branch reads an (applicant, status) index; someone acting for nobody has nothing due.
      const actsFor = or(
        groups.length
          ? and(
              eq(grantApplications.applicantKind, 'engagement_group'),
              inArray(grantApplications.engagementGroupId, groups),
            )
          : undefined,
        boroughs.length
          ? and(
              inArray(grantApplications.applicantKind, ['partnership', 'borough']),
              inArray(grantApplications.organisationId, boroughs),
            )
          : undefined,
        person?.organisationId
          ? and(
              eq(grantApplications.applicantKind, 'organisation'),
              eq(grantApplications.organisationId, person.organisationId),
            )
          : undefined,
      );
      if (!actsFor) return [];
      const due = sql<string>`min(${grantReturns.dueOn})`;
      const rows = await db
        .select({
          id: grantApplications.id,
          projectTitle: grantApplications.projectTitle,
          dueOn: due,
        })
        .from(grantApplications)
        .innerJoin(grantReturns, eq(grantReturns.applicationId, grantApplications.id))
        .where(
          and(
            eq(grantApplications.status, 'awarded'),
            isNull(grantReturns.submittedAt),
            lte(grantReturns.periodStart, day),
            actsFor,
          ),
        )
        .groupBy(grantApplications.id, grantApplications.projectTitle)
        .orderBy(due, grantApplications.id)
        .limit(5);
      return rows.map((r) => ({ ...r, late: r.dueOn < day }));
    },

    /** LEG-06, CDRP-12: the grant's monitoring page, for staff and for the applicant. */
    async grant(principal: Principal, id: string) {
      const grant = await findGrant(db, directory, id);
      const access = await accessTo(db, directory, principal, grant.application);
      const latest = db
        .selectDistinctOn([grantReturnProgress.outcomeId], {
          outcomeId: grantReturnProgress.outcomeId,
          status: grantReturnProgress.status,
          note: grantReturnProgress.note,
          period: grantReturns.period,
        })
        .from(grantReturnProgress)
        .innerJoin(grantReturns, eq(grantReturns.id, grantReturnProgress.returnId))
        .where(and(eq(grantReturns.applicationId, id), isNotNull(grantReturns.submittedAt)))
        .orderBy(grantReturnProgress.outcomeId, desc(grantReturns.period));
      const [lines, outcomes, progress, returns, adjustments, [evaluation]] = await Promise.all([
        linesWithSpend(db, id),
        db
          .select()
          .from(grantOutcomes)
          .where(eq(grantOutcomes.applicationId, id))
          .orderBy(asc(grantOutcomes.position)),
        latest,
        returnsOf(db, id),
        db
          .select()
          .from(grantAdjustments)
          .where(eq(grantAdjustments.applicationId, id))
          .orderBy(asc(grantAdjustments.recordedOn), asc(grantAdjustments.createdAt)),
        db.select().from(grantEvaluations).where(eq(grantEvaluations.applicationId, id)),
      ]);
      const day = today();
      const byOutcome = new Map(progress.map((p) => [p.outcomeId, p]));
      const sendable = access.applicant ? nextSendable(returns, day) : null;
      const adjustedPence = adjustments.reduce((a, r) => a + r.amountPence, 0);
      const recoverPence = adjustments.reduce((a, r) => a + r.recoverPence, 0);
      const spentPence = lines.reduce((a, r) => a + r.spentPence, 0);
      return {
        ...grant,
        access,
        today: day,
        lines,
        spentPence,
        adjustedPence,
        recoverPence,
        netPence: grant.awardedPence - adjustedPence,
        outcomes: outcomes.map((o) => ({ ...o, latest: byOutcome.get(o.id) ?? null })),
        returns: returns.map((r) => ({
          ...r,
          state: returnState(r, day),
          sendable: r.id === sendable?.id,
        })),
        adjustments,
        evaluation: evaluation ?? null,
        evaluationDue:
          !evaluation &&
          evaluationDue(
            {
              endsOn: grant.application.endsOn,
              finalSent: returns.some((r) => r.final && r.submittedAt),
            },
            day,
          ),
      };
    },

    /** A return: what it said when sent, or (for the applicant, when it may be sent) its form. */
    async returnOf(principal: Principal, id: string, returnId: string) {
      const grant = await findGrant(db, directory, id);
      const access = await accessTo(db, directory, principal, grant.application);
      const [ret, returns, lines, outcomes] = await Promise.all([
        findReturn(db, id, returnId),
        returnsOf(db, id),
        linesWithSpend(db, id),
        db
          .select()
          .from(grantOutcomes)
          .where(eq(grantOutcomes.applicationId, id))
          .orderBy(asc(grantOutcomes.position)),
      ]);
      const [spend, progress] = ret.submittedAt
        ? await Promise.all([
            db.select().from(grantReturnSpend).where(eq(grantReturnSpend.returnId, ret.id)),
            db.select().from(grantReturnProgress).where(eq(grantReturnProgress.returnId, ret.id)),
          ])
        : [[], []];
      const day = today();
      return {
        ...grant,
        access,
        ret: { ...ret, state: returnState(ret, day) },
        sendable: access.applicant && nextSendable(returns, day)?.id === ret.id,
        lines: lines.map((l) => ({
          ...l,
          thisReturnPence: spend.find((s) => s.budgetLineId === l.id)?.spentPence ?? null,
        })),
        outcomes: outcomes.map((o) => ({
          ...o,
          progress: progress.find((p) => p.outcomeId === o.id) ?? null,
        })),
      };
    },

    /**
     * LEG-06, CDRP-12: the applicant sends a return: its spend on each budget line, each
     * outcome's progress and what was done; refused unless it is the earliest unsent return
     * and its period has started. Returns the lines it takes past their budget, to warn of.
     */
    async sendReturn(
      principal: Principal,
      id: string,
      returnId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'grants.apply');
      return db.transaction(async (tx) => {
        const grant = await findGrant(tx, directory, id, true);
        const access = await accessTo(tx, directory, user, grant.application);
        if (!access.applicant) throw new ForbiddenError();
        const ret = await findReturn(tx, id, returnId, true);
        if (nextSendable(await returnsOf(tx, id), today())?.id !== ret.id)
          // No field: the return's form is not on its page in this state; the message is shown.
          throw new ConflictError(t('grants:monitoring.errors.notSendable'));
        const lines = await linesWithSpend(tx, id);
        const outcomes = await tx
          .select()
          .from(grantOutcomes)
          .where(eq(grantOutcomes.applicationId, id));
        const { refusals, value, overBudget } = validateReturn(input, lines, outcomes);
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const [after] = await tx
          .update(grantReturns)
          .set({
            progress: value.progress,
            submittedAt: now(),
            submittedBy: user.userId,
            updatedAt: now(),
            version: sql`${grantReturns.version} + 1`,
          })
          .where(eq(grantReturns.id, ret.id))
          .returning();
        if (value.spend.length)
          await tx
            .insert(grantReturnSpend)
            .values(value.spend.map((s) => ({ returnId: ret.id, ...s })));
        if (value.outcomes.length)
          await tx
            .insert(grantReturnProgress)
            .values(value.outcomes.map((o) => ({ returnId: ret.id, ...o })));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-return.sent',
          recordType: 'grant-application',
          recordId: id,
          before: ret,
          after: { ...after, spend: value.spend, outcomes: value.outcomes },
        });
        return { ret: after!, overBudget };
      });
    },

    /** LEG-06: an authority officer accepts a sent return. */
    async acceptReturn(principal: Principal, id: string, returnId: string, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      return db.transaction(async (tx) => {
        await findGrant(tx, directory, id, true);
        const ret = await findReturn(tx, id, returnId, true);
        if (!ret.submittedAt || ret.acceptedAt)
          // No field: the accept button is not on the page once accepted (or before it is sent).
          throw new ConflictError(t('grants:monitoring.errors.notAcceptable'));
        const [after] = await tx
          .update(grantReturns)
          .set({
            acceptedAt: now(),
            acceptedBy: user.userId,
            updatedAt: now(),
            version: sql`${grantReturns.version} + 1`,
          })
          .where(eq(grantReturns.id, ret.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-return.accepted',
          recordType: 'grant-application',
          recordId: id,
          before: ret,
          after,
        });
        return after!;
      });
    },

    /** LEG-06: staff make the schedule of returns for an awarded grant that has none. */
    async makeSchedule(principal: Principal, id: string, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      return db.transaction(async (tx) => {
        const grant = await findGrant(tx, directory, id, true);
        const written = await scheduleReturns(tx, grant.application, today());
        if (written)
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'grant-returns.scheduled',
            recordType: 'grant-application',
            recordId: id,
            after: { returns: written },
          });
        return written;
      });
    },
  };
}
