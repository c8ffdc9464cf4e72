/**
 * The panel's decision (CON-04, CON-05) and the award it makes (LEG-06, CDRP-12). An award is
 * refused while an ended grant of the same applicant waits for its evaluation, and it is
 * committed against its fund's reporting year by one conditional update, so two panels deciding
 * at once never take the fund past its budget. The award's instalments are set out with it.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { addCalendarDays, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, say } from '../../../platform/i18n/said.js';
import type { AssessmentService } from '../assessment/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { mayActForApplicant } from '../monitoring/rules.js';
import { evaluationsOutstanding, scheduleReturns } from '../monitoring/schedule.js';
import { contentOf, findApplication, fundYearOf } from '../application-records.js';
import {
  budgetRefusal,
  datesRefusal,
  decisionRefusal,
  evaluationRefusal,
  instalments,
  validateDecision,
} from '../assessment/rules.js';
import { grantApplications, grantFundYears, grantPayments } from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

export type AwardService = ReturnType<typeof createAwardService>;

export function createAwardService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
  assessment: AssessmentService;
}) {
  const { db, directory, now, t, assessment } = deps;
  const today = () => todayInLondon(now());

  return {
    /** What the panel decides on: the application, its weighted scores, the fund's year. */
    async decisionPage(principal: Principal, applicationId: string) {
      requireUser(principal, 'grants.view');
      const found = await findApplication(db, applicationId);
      const { application, round, fund } = found;
      // A draft is the applicant's own; until the panel decides, the scores are the officers'.
      const decided = application.status === 'awarded' || application.status === 'declined';
      if (!application.submittedAt) throw new NotFoundError();
      if (!decided && !can(principal, 'grants.manage')) throw new ForbiddenError();
      const [scored, content, year, outstanding] = await Promise.all([
        assessment.resultOf(db, applicationId, round),
        contentOf(db, applicationId),
        fundYearOf(db, fund.id, round.startYear),
        evaluationsOutstanding(db, application, today()),
      ]);
      const blocked = decisionRefusal({
        status: application.status,
        counted: scored.result.counted,
      });
      // LEG-06 stops an award, not a decision: the panel may still decline.
      const awardBlocked = evaluationRefusal(outstanding) ?? datesRefusal(application);
      return {
        ...found,
        ...scored,
        ...content,
        year,
        outstanding,
        blockedBy: blocked ? say(t, blocked) : null,
        awardBlockedBy: awardBlocked ? say(t, awardBlocked) : null,
        /** A first instalment a fortnight on, offered on the form. */
        suggestedFirstDueOn: addCalendarDays(today(), 14),
        canDecide: can(principal, 'grants.manage') && !blocked,
      };
    },

    /**
     * CON-04, CON-05: the panel's decision, recorded by an officer: declined with its reason, or
     * awarded with its amount, conditions and instalments. The application is locked first, so
     * it is decided once; the award then takes its amount from the fund's year only if the year
     * has room (CDRP-12), in the same statement that checks it.
     */
    async decide(principal: Principal, applicationId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      return db.transaction(async (tx) => {
        const found = await findApplication(tx, applicationId, true);
        const { application, round, fund } = found;
        const scored = await assessment.resultOf(tx, applicationId, round);
        const blocked =
          decisionRefusal({ status: application.status, counted: scored.result.counted }) ??
          (input.outcome === 'awarded'
            ? (evaluationRefusal(await evaluationsOutstanding(tx, application, today())) ??
              datesRefusal(application))
            : null);
        if (blocked) throw new ValidationError(fieldErrors(t, [blocked]));
        const errors: FieldError[] = [];
        const firstDueOn =
          input.outcome === 'awarded'
            ? dateField(t, input, 'firstDueOn', t('grants:award.firstDueOnLabel'), errors)
            : null;
        const { refusals, value } = validateDecision(input, application.requestedPence ?? 0);
        errors.push(...fieldErrors(t, refusals));
        if (errors.length || !value) throw new ValidationError(errors);
        const decidedAt = now();
        let schedule: ReturnType<typeof instalments> = [];
        let committedBefore: number | null = null;
        let committedAfter: number | null = null;
        if (value.outcome === 'awarded') {
          const year = await fundYearOf(tx, fund.id, round.startYear);
          committedBefore = year?.committedPence ?? null;
          const committed = await tx
            .update(grantFundYears)
            .set({
              committedPence: sql`${grantFundYears.committedPence} + ${value.awardedPence}`,
              version: sql`${grantFundYears.version} + 1`,
              updatedAt: decidedAt,
            })
            .where(
              and(
                eq(grantFundYears.fundId, fund.id),
                eq(grantFundYears.startYear, round.startYear),
                sql`${grantFundYears.committedPence} + ${value.awardedPence} <= ${grantFundYears.budgetPence}`,
              ),
            )
            .returning();
          committedAfter = committed[0]?.committedPence ?? null;
          if (!committed.length) {
            // Read again: another panel may have taken what was left while this one waited.
            const current = await fundYearOf(tx, fund.id, round.startYear);
            const over = budgetRefusal(value.awardedPence, current ?? year) ?? {
              field: 'amount',
              key: 'grants:award.errors.noBudget',
            };
            throw new ValidationError(fieldErrors(t, [over]));
          }
          schedule = instalments(
            value.awardedPence,
            value.instalments,
            firstDueOn!,
            fund.returnIntervalMonths,
          );
          await tx.insert(grantPayments).values(schedule.map((s) => ({ applicationId, ...s })));
        }
        const [decided] = await tx
          .update(grantApplications)
          .set({
            status: value.outcome,
            decidedAt,
            decidedBy: user.userId,
            panel: value.panel,
            decisionReason: value.reason,
            awardedPence: value.outcome === 'awarded' ? value.awardedPence : null,
            conditions: value.outcome === 'awarded' ? value.conditions : null,
            version: sql`${grantApplications.version} + 1`,
            updatedAt: decidedAt,
          })
          .where(eq(grantApplications.id, applicationId))
          .returning();
        // LEG-06: the monitoring returns the grant owes, scheduled with the award.
        const returns =
          value.outcome === 'awarded' ? await scheduleReturns(tx, decided!, today()) : 0;
        await recordAudit(tx, actorOf(user, requestId), {
          action:
            value.outcome === 'awarded'
              ? 'grant-application.awarded'
              : 'grant-application.declined',
          recordType: 'grant-application',
          recordId: applicationId,
          before: application,
          after: {
            ...decided,
            instalments: schedule,
            returns,
            fundYear: { committedBefore, committedAfter },
          },
        });
        return decided!;
      });
    },

    /**
     * The award letter (CON-04, LEG-06): the grant, its amount and instalments, the panel's
     * reason and the conditions it carries. For the grants' staff and for those who act for the
     * applicant; anyone else is refused.
     */
    async letter(principal: Principal, applicationId: string) {
      const user = requireUser(principal);
      const letter = await letterOf(db, applicationId);
      if (!can(user, 'grants.view')) {
        const person = await directory.directory.lookups.personOfUser(db, user.userId);
        if (!mayActForApplicant(user, letter.application, person?.organisationId))
          throw new ForbiddenError();
      }
      return letter;
    },
  };
}

/** What the award letter says. */
export async function letterOf(executor: Executor, applicationId: string) {
  const found = await findApplication(executor, applicationId);
  if (found.application.status !== 'awarded') throw new NotFoundError();
  const [content, payments] = await Promise.all([
    contentOf(executor, applicationId),
    executor
      .select()
      .from(grantPayments)
      .where(eq(grantPayments.applicationId, applicationId))
      .orderBy(asc(grantPayments.instalment)),
  ]);
  return { ...found, ...content, payments };
}
