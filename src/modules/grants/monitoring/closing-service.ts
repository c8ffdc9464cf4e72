/**
 * CDRP-12, LEG-06: what the authority's officers record as a grant closes: underspend and
 * clawback, each giving its amount back to the fund's year in the same transaction; and the
 * evaluation of effectiveness and value for money once the grant has ended. Each action is one
 * transaction with one audit event.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { isUniqueViolation, type Db, type Executor } from '../../../platform/db/database.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  grantAdjustments,
  grantEvaluations,
  grantFundYears,
  grantPayments,
  grantReturns,
} from '../schema.js';
import { findGrant } from './grant-access.js';
import { cutInstalments, evaluationDue, validateAdjustment, validateEvaluation } from './rules.js';

export type ClosingService = ReturnType<typeof createClosingService>;
type Input = Record<string, string | string[] | undefined>;

export function createClosingService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;
  const today = () => todayInLondon(now());

  async function adjustedPence(executor: Executor, applicationId: string) {
    const [row] = await executor
      .select({ n: sql<number>`coalesce(sum(${grantAdjustments.amountPence}), 0)::int` })
      .from(grantAdjustments)
      .where(eq(grantAdjustments.applicationId, applicationId));
    return Number(row?.n ?? 0);
  }

  /**
   * The grant's instalments still to be paid (in no payment batch), by instalment; `lock` holds
   * them, so a batch made meanwhile waits for the adjustment and pays what it left.
   */
  async function unpaidInstalments(executor: Executor, applicationId: string, lock = false) {
    const query = executor
      .select({
        id: grantPayments.id,
        instalment: grantPayments.instalment,
        amountPence: grantPayments.amountPence,
      })
      .from(grantPayments)
      .where(and(eq(grantPayments.applicationId, applicationId), isNull(grantPayments.batchId)))
      .orderBy(asc(grantPayments.instalment));
    return lock ? query.for('update') : query;
  }

  const sumOf = (rows: readonly { amountPence: number }[]) =>
    rows.reduce((a, r) => a + r.amountPence, 0);

  async function finalSent(executor: Executor, applicationId: string) {
    const [row] = await executor
      .select({ at: grantReturns.submittedAt })
      .from(grantReturns)
      .where(and(eq(grantReturns.applicationId, applicationId), eq(grantReturns.final, true)));
    return !!row?.at;
  }

  return {
    /** The adjustment form's grant: its award and what is left of it to give back. */
    async adjustable(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      const grant = await findGrant(db, directory, id);
      const [adjusted, unpaid] = await Promise.all([
        adjustedPence(db, id),
        unpaidInstalments(db, id),
      ]);
      return {
        ...grant,
        adjustedPence: adjusted,
        leftPence: grant.awardedPence - adjusted,
        unpaidPence: sumOf(unpaid),
      };
    },

    adjustmentDefaults: () => dateParts('recordedOn', today()),

    /**
     * CDRP-12: an underspend or clawback recorded; its amount goes back to the fund's year
     * (never below nothing committed) and comes off the instalments still to be paid, the last
     * first, so it is not paid out as well. A clawback beyond those instalments is money to be
     * recovered. Refused, with nothing written, beyond what is left of the award after earlier
     * adjustments, or for an underspend beyond what is still to be paid.
     */
    async recordAdjustment(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      const errors: FieldError[] = [];
      const recordedOn = dateField(
        t,
        input,
        'recordedOn',
        t('grants:monitoring.adjustment.date'),
        errors,
      );
      return db.transaction(async (tx) => {
        const grant = await findGrant(tx, directory, id, true);
        const unpaid = await unpaidInstalments(tx, id, true);
        const { refusals, value } = validateAdjustment(input, {
          awardedPence: grant.awardedPence,
          adjustedPence: await adjustedPence(tx, id),
          unpaidPence: sumOf(unpaid),
        });
        const all = [...fieldErrors(t, refusals), ...errors];
        if (all.length || !recordedOn) throw new ValidationError(all);
        const { cuts, recoverPence } = cutInstalments(unpaid, value.amountPence);
        // Every instalment cut is removed but the earliest one cut, which may keep a part.
        const removed = cuts.filter((c) => c.afterPence === 0).map((c) => c.id);
        const kept = cuts.find((c) => c.afterPence > 0);
        if (removed.length)
          await tx
            .delete(grantPayments)
            .where(and(inArray(grantPayments.id, removed), isNull(grantPayments.batchId)));
        if (kept)
          await tx
            .update(grantPayments)
            .set({ amountPence: kept.afterPence })
            .where(and(eq(grantPayments.id, kept.id), isNull(grantPayments.batchId)));
        const [row] = await tx
          .insert(grantAdjustments)
          .values({
            applicationId: id,
            ...value,
            recoverPence,
            recordedOn,
            recordedBy: user.userId,
          })
          .returning();
        const ofYear = and(
          eq(grantFundYears.fundId, grant.fundId),
          eq(grantFundYears.startYear, grant.startYear),
        );
        const [before] = await tx
          .select({ committedPence: grantFundYears.committedPence })
          .from(grantFundYears)
          .where(ofYear)
          .for('update');
        const [year] = await tx
          .update(grantFundYears)
          .set({
            committedPence: sql`greatest(${grantFundYears.committedPence} - ${value.amountPence}, 0)`,
            updatedAt: now(),
            version: sql`${grantFundYears.version} + 1`,
          })
          .where(ofYear)
          .returning({ committedPence: grantFundYears.committedPence });
        await recordAudit(tx, actorOf(user, requestId), {
          action: `grant-${value.kind}.recorded`,
          recordType: 'grant-application',
          recordId: id,
          after: {
            ...row,
            fundYearCommittedPence: {
              before: before?.committedPence ?? null,
              after: year?.committedPence ?? null,
            },
            instalments: cuts,
          },
        });
        return row!;
      });
    },

    /** LEG-06: the evaluation page's grant, its evaluation if recorded, and whether it is due. */
    async evaluation(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      const grant = await findGrant(db, directory, id);
      const [[evaluation], sent] = await Promise.all([
        db.select().from(grantEvaluations).where(eq(grantEvaluations.applicationId, id)),
        finalSent(db, id),
      ]);
      return {
        ...grant,
        evaluation: evaluation ?? null,
        due: evaluationDue({ endsOn: grant.application.endsOn, finalSent: sent }, today()),
      };
    },

    /**
     * LEG-06: the evaluation recorded, once the grant has ended (its final return sent or its end
     * date passed), and only once.
     */
    async recordEvaluation(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      try {
        return await db.transaction(async (tx) => {
          const grant = await findGrant(tx, directory, id, true);
          if (
            !evaluationDue(
              { endsOn: grant.application.endsOn, finalSent: await finalSent(tx, id) },
              today(),
            )
          )
            // No field: the evaluation form is not on the page until it is due.
            throw new ConflictError(t('grants:monitoring.errors.notEnded'));
          const { refusals, value } = validateEvaluation(input);
          if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
          const [row] = await tx
            .insert(grantEvaluations)
            .values({ applicationId: id, ...value, evaluatedOn: today(), evaluatedBy: user.userId })
            .returning();
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'grant-evaluation.recorded',
            recordType: 'grant-application',
            recordId: id,
            after: row,
          });
          return row!;
        });
      } catch (error) {
        if (isUniqueViolation(error))
          // No field: once recorded, the page shows the evaluation, not its form.
          throw new ConflictError(t('grants:monitoring.errors.evaluated'));
        throw error;
      }
    },
  };
}
