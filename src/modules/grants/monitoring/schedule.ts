/**
 * LEG-06, CDRP-12: what the award and the next award ask of monitoring, on the caller's executor
 * (its transaction): the returns an awarded grant owes, written when it is awarded, and the
 * grants of an applicant still awaiting their evaluation, which hold back a new award.
 */
import { and, eq, exists, isNotNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { ApplicantKind } from '../constants.js';
import {
  grantApplications,
  grantEvaluations,
  grantFunds,
  grantReturns,
  grantRounds,
} from '../schema.js';
import { returnSchedule } from './rules.js';

/**
 * LEG-06, CDRP-12: writes the returns an awarded grant owes (its fund's interval, from its start
 * to its end date), none due sooner than RETURN_DUE_DAYS after `today` (the day it is made, the
 * London date of the app's clock). Idempotent: a grant that has returns already is left as it is (0 written).
 * For the award service to call in the award's transaction, and for staff making a schedule
 * that is missing.
 */
export async function scheduleReturns(
  tx: Executor,
  application: { id: string; startsOn: IsoDate | null; endsOn: IsoDate | null },
  today: IsoDate,
): Promise<number> {
  if (!application.startsOn || !application.endsOn) return 0;
  const [fund] = await tx
    .select({ intervalMonths: grantFunds.returnIntervalMonths })
    .from(grantApplications)
    .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
    .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
    .where(eq(grantApplications.id, application.id));
  if (!fund) return 0;
  const periods = returnSchedule(
    {
      startsOn: application.startsOn,
      endsOn: application.endsOn,
      intervalMonths: fund.intervalMonths,
    },
    today,
  );
  if (!periods.length) return 0;
  const [already] = await tx
    .select({ id: grantReturns.id })
    .from(grantReturns)
    .where(eq(grantReturns.applicationId, application.id))
    .limit(1);
  if (already) return 0;
  // The unique (application, period) key keeps two at once from writing it twice.
  const written = await tx
    .insert(grantReturns)
    .values(periods.map((p) => ({ applicationId: application.id, ...p })))
    .onConflictDoNothing()
    .returning({ id: grantReturns.id });
  return written.length;
}

/** An applicant as an application names it. */
export interface GrantApplicant {
  applicantKind: ApplicantKind | string;
  engagementGroupId: string | null;
  organisationId: string | null;
}

/**
 * LEG-06: the applicant's awarded grants that have ended (their end date passed, or their final
 * return sent) with no evaluation recorded: a new award to the applicant waits for these.
 */
export async function evaluationsOutstanding(
  executor: Executor,
  applicant: GrantApplicant,
  today: IsoDate,
): Promise<{ id: string; reference: number; projectTitle: string; endsOn: IsoDate | null }[]> {
  const same =
    applicant.applicantKind === 'engagement_group'
      ? applicant.engagementGroupId
        ? eq(grantApplications.engagementGroupId, applicant.engagementGroupId)
        : sql`false`
      : applicant.organisationId
        ? and(
            eq(grantApplications.organisationId, applicant.organisationId),
            eq(grantApplications.applicantKind, applicant.applicantKind),
          )
        : sql`false`;
  return executor
    .select({
      id: grantApplications.id,
      reference: grantApplications.reference,
      projectTitle: grantApplications.projectTitle,
      endsOn: grantApplications.endsOn,
    })
    .from(grantApplications)
    .where(
      and(
        same,
        eq(grantApplications.status, 'awarded'),
        or(
          lt(grantApplications.endsOn, today),
          exists(
            executor
              .select({ one: sql`1` })
              .from(grantReturns)
              .where(
                and(
                  eq(grantReturns.applicationId, grantApplications.id),
                  eq(grantReturns.final, true),
                  isNotNull(grantReturns.submittedAt),
                ),
              ),
          ),
        ),
        notExists(
          executor
            .select({ one: sql`1` })
            .from(grantEvaluations)
            .where(eq(grantEvaluations.applicationId, grantApplications.id)),
        ),
      ),
    )
    .orderBy(grantApplications.endsOn, grantApplications.id);
}
