/**
 * Monitoring's part of the grants demonstration (LEG-06, CDRP-12), called by the grants demo in
 * its transaction for an awarded demo application: its returns scheduled, those due sent (the
 * first accepted) with spend on each budget line and progress on each outcome, except the
 * latest due, left late; an underspend given back to the fund's year; and, when the grant has
 * ended (pick one whose end date has passed), its evaluation.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import {
  grantAdjustments,
  grantApplications,
  grantBudgetLines,
  grantEvaluations,
  grantFundYears,
  grantOutcomes,
  grantReturnProgress,
  grantReturns,
  grantReturnSpend,
  grantRounds,
} from '../schema.js';
import { evaluationDue } from './rules.js';
import { scheduleReturns } from './schedule.js';

export async function loadGrantsMonitoringDemo(
  tx: Executor,
  options: {
    applicationId: string;
    /** The demo's today (London). */
    today: string;
    /** Who sent the returns (the applicant's demo account), if any. */
    applicantUserId?: string | null;
    /** Who accepted, recorded the underspend and evaluated (an authority officer), if any. */
    officerUserId?: string | null;
  },
): Promise<{ returns: number; sent: number; late: number; evaluated: boolean }> {
  const { applicationId, today } = options;
  const applicant = options.applicantUserId ?? null;
  const officer = options.officerUserId ?? null;
  const [application] = await tx
    .select()
    .from(grantApplications)
    .where(eq(grantApplications.id, applicationId));
  if (!application || application.status !== 'awarded')
    throw new Error(`the demo's grant ${applicationId} is not awarded`);
  // Scheduled as if on the day the grant started, so its past returns read as they would have.
  await scheduleReturns(tx, application, application.startsOn ?? today);
  const [returns, lines, outcomes] = await Promise.all([
    tx
      .select()
      .from(grantReturns)
      .where(eq(grantReturns.applicationId, applicationId))
      .orderBy(asc(grantReturns.period)),
    tx.select().from(grantBudgetLines).where(eq(grantBudgetLines.applicationId, applicationId)),
    tx.select().from(grantOutcomes).where(eq(grantOutcomes.applicationId, applicationId)),
  ]);
  const due = returns.filter((r) => r.dueOn < today && !r.submittedAt);
  // The latest due is left late; those before it were sent a week before their due date.
  const toSend = due.slice(0, -1);
  for (const [i, r] of toSend.entries()) {
    const at = new Date(`${r.dueOn}T10:00:00Z`);
    at.setUTCDate(at.getUTCDate() - 7);
    await tx
      .update(grantReturns)
      .set({
        progress: `Period ${r.period}: events held as planned; attendance growing.`,
        submittedAt: at,
        submittedBy: applicant,
        ...(i === 0
          ? { acceptedAt: new Date(at.getTime() + 3 * 86_400_000), acceptedBy: officer }
          : {}),
      })
      .where(eq(grantReturns.id, r.id));
    if (lines.length)
      await tx.insert(grantReturnSpend).values(
        lines.map((l) => ({
          returnId: r.id,
          budgetLineId: l.id,
          spentPence: Math.floor((l.amountPence * 0.8) / returns.length),
        })),
      );
    if (outcomes.length)
      await tx.insert(grantReturnProgress).values(
        outcomes.map((o) => ({
          returnId: r.id,
          outcomeId: o.id,
          status: i === toSend.length - 1 ? 'on_track' : 'not_started',
          note: 'As the return describes.',
        })),
      );
  }
  const awarded = application.awardedPence ?? 0;
  const underspend = Math.min(Math.floor(awarded / 10), awarded);
  if (underspend > 0) {
    await tx.insert(grantAdjustments).values({
      applicationId,
      kind: 'underspend',
      amountPence: underspend,
      reason: 'A venue was given free of charge by the council.',
      recordedOn: today,
      recordedBy: officer,
    });
    const [round] = await tx
      .select({ fundId: grantRounds.fundId, startYear: grantRounds.startYear })
      .from(grantRounds)
      .where(eq(grantRounds.id, application.roundId));
    if (round)
      await tx
        .update(grantFundYears)
        .set({ committedPence: sql`greatest(${grantFundYears.committedPence} - ${underspend}, 0)` })
        .where(
          and(
            eq(grantFundYears.fundId, round.fundId),
            eq(grantFundYears.startYear, round.startYear),
          ),
        );
  }
  const evaluated = evaluationDue({ endsOn: application.endsOn, finalSent: false }, today);
  if (evaluated)
    await tx
      .insert(grantEvaluations)
      .values({
        applicationId,
        effectiveness: 'good',
        valueForMoney: 'adequate',
        findings: 'Young people took part in every event; trust in the police rose in the survey.',
        lessons: 'Hold events in school holidays; book venues early.',
        evaluatedOn: today,
        evaluatedBy: officer,
      })
      .onConflictDoNothing();
  return { returns: returns.length, sent: toSend.length, late: due.length ? 1 : 0, evaluated };
}
