/**
 * The grants' part of the demonstration dataset (CON-04, CON-05, LEG-06, CDRP-12): the engagement
 * groups' fund (about £1m a year, this year's and last year's budgets, its criteria), the
 * partnership fund, a borough command fund and development bids; a round of the engagement
 * groups' fund open now and one closed last year; and Camden's engagement group's draft
 * application in the open round, part-way through; and last year's grant to the group, assessed,
 * awarded, monitored and evaluated. Returns the ids it made.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { addCalendarDays, reportingYearOf, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { fixRoundCriteria } from './funds/round-criteria.js';
import { loadGrantsMonitoringDemo } from './monitoring/demo.js';
import {
  grantAdjustments,
  grantApplications,
  grantAssessments,
  grantBudgetLines,
  grantCriteria,
  grantFunds,
  grantFundYears,
  grantOutcomes,
  grantPaymentBatches,
  grantPayments,
  grantRoundCriteria,
  grantRounds,
  grantScores,
} from './schema.js';
import type { ApplicantKind, FundKind } from './constants.js';

export interface GrantsDemo {
  funds: { engagement: string; partnership: string; boroughCommand: string; development: string };
  openRoundId: string;
  closedRoundId: string;
  draftApplicationId: string;
  awardedApplicationId: string;
}

const EVALUATED =
  'Every funded activity is evaluated at its end for its effectiveness and its value for money, and what worked is shared with other groups. Monitoring returns are due every quarter, with spending against each budget line and progress against each outcome.';

interface DemoFund {
  name: string;
  kind: FundKind;
  description: string;
  applicantKinds: ApplicantKind[];
  budgets: [thisYear: number, lastYear: number | null];
  criteria: [title: string, weight: number][];
}

const FUNDS: Record<keyof GrantsDemo['funds'], DemoFund> = {
  engagement: {
    name: "Engagement groups' fund",
    kind: 'engagement',
    description:
      'Funding for community and police engagement groups to meet the minimum standards, engage the communities of their borough, and feed their views up to the police and the authority. About £1m a year across London, shared equitably.',
    applicantKinds: ['engagement_group'],
    budgets: [1_000_000_00, 980_000_00],
    criteria: [
      ['Reaches communities that are seldom heard', 3],
      ['Meets or works towards the minimum standards', 3],
      ['Value for money', 2],
      ['Measures its engagement outcomes', 2],
    ],
  },
  partnership: {
    name: 'Partnership fund',
    kind: 'partnership',
    description:
      "Funding for boroughs' community safety partnerships for projects that reduce crime and the fear of crime, with the police and local agencies.",
    applicantKinds: ['partnership'],
    budgets: [500_000_00, null],
    criteria: [
      ['Tackles a priority of the partnership’s strategy', 4],
      ['Works with local agencies', 3],
      ['Value for money', 3],
    ],
  },
  boroughCommand: {
    name: 'Borough command fund',
    kind: 'borough_command',
    description:
      'Money allocated to each borough command for partnership work, monitored project by project: what it was spent on and what it achieved.',
    applicantKinds: ['borough'],
    budgets: [50_000_00, null],
    criteria: [
      ['Supports partnership work in the borough', 3],
      ['Value for money', 2],
    ],
  },
  development: {
    name: 'Development bids',
    kind: 'development',
    description:
      'Development money for boroughs to pilot new ways of consulting their communities, such as a community consultation officer. Bids are assessed and selected; pilots are supported and evaluated.',
    applicantKinds: ['borough', 'partnership'],
    budgets: [160_000_00, null],
    criteria: [
      ['A clear pilot that others could follow', 4],
      ['Readiness of the borough’s consultative framework', 3],
      ['Value for money', 2],
    ],
  },
};

export async function loadGrantsDemo(
  tx: Executor,
  people: { officerUser: string; engagementUser: string; assessorUser: string },
  camden: { groupId: string; groupName: string; boroughId: string },
  today: IsoDate,
): Promise<GrantsDemo> {
  const year = reportingYearOf(today).startYear;
  const funds = {} as GrantsDemo['funds'];
  for (const [key, f] of Object.entries(FUNDS) as [keyof GrantsDemo['funds'], DemoFund][]) {
    const [fund] = await tx
      .insert(grantFunds)
      .values({
        name: f.name,
        kind: f.kind,
        description: f.description,
        conditions: EVALUATED,
        applicantKinds: f.applicantKinds,
        createdBy: people.officerUser,
      })
      .returning({ id: grantFunds.id });
    funds[key] = fund!.id;
    const [thisYear, lastYear] = f.budgets;
    await tx
      .insert(grantFundYears)
      .values([
        { fundId: fund!.id, startYear: year, budgetPence: thisYear },
        ...(lastYear ? [{ fundId: fund!.id, startYear: year - 1, budgetPence: lastYear }] : []),
      ]);
    await tx.insert(grantCriteria).values(
      f.criteria.map(([title, weight], i) => ({
        fundId: fund!.id,
        position: i + 1,
        title,
        weight,
      })),
    );
  }
  const [open, closed] = await tx
    .insert(grantRounds)
    .values([
      {
        fundId: funds.engagement,
        startYear: year,
        title: `Engagement groups' funding ${reportingYearOf(today).label}`,
        opensOn: addCalendarDays(today, -20),
        closesOn: addCalendarDays(today, 40),
        decisionsBy: addCalendarDays(today, 70),
        createdBy: people.officerUser,
      },
      {
        fundId: funds.engagement,
        startYear: year - 1,
        title: `Engagement groups' funding ${reportingYearOf(addCalendarDays(today, -365)).label}`,
        opensOn: addCalendarDays(today, -400),
        closesOn: addCalendarDays(today, -340),
        decisionsBy: addCalendarDays(today, -310),
        createdBy: people.officerUser,
      },
    ])
    .returning({ id: grantRounds.id });
  // Camden's group has begun: about the project and its budget, no outcomes yet.
  const [draft] = await tx
    .insert(grantApplications)
    .values({
      roundId: open!.id,
      applicantKind: 'engagement_group',
      engagementGroupId: camden.groupId,
      applicantName: camden.groupName,
      boroughId: camden.boroughId,
      projectTitle: 'Listening to young people in Camden',
      summary:
        'Six listening events with young people in Camden and their neighbourhood police teams, and a youth panel that feeds up to the group.',
      startsOn: `${year + 1}-01-05`,
      endsOn: `${year + 1}-07-31`,
      objectives: 'Build trust and confidence between young people and their local police.',
      createdBy: people.engagementUser,
    })
    .returning({ id: grantApplications.id });
  await tx.insert(grantBudgetLines).values([
    {
      applicationId: draft!.id,
      position: 1,
      description: 'Hall hire, six evenings',
      amountPence: 1_200_00,
    },
    {
      applicationId: draft!.id,
      position: 2,
      description: 'Youth worker sessions',
      amountPence: 2_850_00,
    },
  ]);
  const awardedApplicationId = await loadAwardedGrant(tx, people, camden, closed!.id, today);
  return {
    funds,
    openRoundId: open!.id,
    closedRoundId: closed!.id,
    draftApplicationId: draft!.id,
    awardedApplicationId,
  };
}

/**
 * Last year's grant to Camden's group (CON-04, LEG-06, CDRP-12): assessed, awarded with its
 * conditions, its first instalment paid and the second due, now ended; its returns (one late),
 * an underspend and its evaluation come from monitoring's part of the demo.
 */
async function loadAwardedGrant(
  tx: Executor,
  people: { officerUser: string; engagementUser: string; assessorUser: string },
  camden: { groupId: string; groupName: string; boroughId: string },
  roundId: string,
  today: IsoDate,
): Promise<string> {
  const lines: [string, number][] = [
    ['Venue hire for twelve public meetings', 2_400_00],
    ['Translation and interpreting', 1_800_00],
    ['Outreach to seldom-heard communities', 3_300_00],
  ];
  const requested = lines.reduce((sum, [, pence]) => sum + pence, 0);
  const decidedOn = addCalendarDays(today, -320);
  const [grant] = await tx
    .insert(grantApplications)
    .values({
      roundId,
      applicantKind: 'engagement_group',
      engagementGroupId: camden.groupId,
      applicantName: camden.groupName,
      boroughId: camden.boroughId,
      projectTitle: 'Meeting the minimum standards in Camden',
      summary:
        'Public meetings every month in different parts of the borough, interpreted, with outreach to communities who seldom come.',
      objectives: 'Meet the minimum standards and reach the communities of the whole borough.',
      activities:
        'Twelve public meetings, interpreting, and outreach through faith and youth groups.',
      startsOn: addCalendarDays(today, -300),
      endsOn: addCalendarDays(today, -20),
      status: 'awarded',
      requestedPence: requested,
      submittedAt: new Date(`${addCalendarDays(today, -360)}T10:00:00Z`),
      submittedBy: people.engagementUser,
      createdBy: people.engagementUser,
      decidedAt: new Date(`${decidedOn}T15:00:00Z`),
      decidedBy: people.officerUser,
      panel: 'Cllr A Okafor (chair), J Patel (authority), Supt R Jones (Camden)',
      decisionReason: 'Reaches communities the group has not reached before, at fair cost.',
      awardedPence: requested,
      conditions: `${EVALUATED} Interpreting is offered at every public meeting.`,
    })
    .returning({ id: grantApplications.id });
  const id = grant!.id;
  await tx.insert(grantBudgetLines).values(
    lines.map(([description, amountPence], i) => ({
      applicationId: id,
      position: i + 1,
      description,
      amountPence,
    })),
  );
  await tx.insert(grantOutcomes).values([
    {
      applicationId: id,
      position: 1,
      outcome: 'People from every part of the borough attend',
      measure: 'Where those attending live, by postcode district',
    },
    {
      applicationId: id,
      position: 2,
      outcome: 'Those attending say they were heard',
      measure: 'A short survey at each meeting',
    },
  ]);
  const [assessment] = await tx
    .insert(grantAssessments)
    .values({
      applicationId: id,
      assessorId: people.assessorUser,
      comments: 'A strong, costed plan.',
      submittedAt: new Date(`${addCalendarDays(today, -330)}T12:00:00Z`),
    })
    .returning({ id: grantAssessments.id });
  // CON-04: submitted, its round keeps the criteria it was assessed against.
  await fixRoundCriteria(tx, roundId, new Date(`${addCalendarDays(today, -360)}T10:00:00Z`));
  const criteria = await tx
    .select({ id: grantRoundCriteria.id })
    .from(grantRoundCriteria)
    .where(eq(grantRoundCriteria.roundId, roundId))
    .orderBy(grantRoundCriteria.position);
  await tx.insert(grantScores).values(
    criteria.map((c, i) => ({
      assessmentId: assessment!.id,
      criterionId: c.id,
      score: 4 - (i % 2),
    })),
  );
  // The award is committed against last year's budget, as the award service does.
  const [round] = await tx.select().from(grantRounds).where(eq(grantRounds.id, roundId));
  await tx
    .update(grantFundYears)
    .set({ committedPence: sql`${grantFundYears.committedPence} + ${requested}` })
    .where(
      and(eq(grantFundYears.fundId, round!.fundId), eq(grantFundYears.startYear, round!.startYear)),
    );
  const [batch] = await tx
    .insert(grantPaymentBatches)
    .values({
      createdBy: people.officerUser,
      createdAt: new Date(`${addCalendarDays(decidedOn, 14)}T09:00:00Z`),
      paymentCount: 1,
      totalPence: requested / 2,
      exportedAt: new Date(`${addCalendarDays(decidedOn, 14)}T09:30:00Z`),
      paidBy: people.officerUser,
      paidAt: new Date(`${addCalendarDays(decidedOn, 16)}T11:00:00Z`),
    })
    .returning({ id: grantPaymentBatches.id });
  await tx.insert(grantPayments).values([
    {
      applicationId: id,
      instalment: 1,
      dueOn: addCalendarDays(decidedOn, 14),
      amountPence: requested / 2,
      batchId: batch!.id,
    },
    {
      applicationId: id,
      instalment: 2,
      dueOn: addCalendarDays(today, -100),
      amountPence: requested / 2,
    },
  ]);
  await loadGrantsMonitoringDemo(tx, {
    applicationId: id,
    today,
    applicantUserId: people.engagementUser,
    officerUserId: people.officerUser,
  });
  // CDRP-12: the underspend comes off the instalment still to pay, as recording it would.
  await tx
    .update(grantPayments)
    .set({
      amountPence: sql`${grantPayments.amountPence} - coalesce((select sum(${grantAdjustments.amountPence}) from ${grantAdjustments} where ${grantAdjustments.applicationId} = ${id}), 0)`,
    })
    .where(and(eq(grantPayments.applicationId, id), eq(grantPayments.instalment, 2)));
  return id;
}

/**
 * The demo's funds (those its officer set up), their rounds and every application to them, and
 * any application the demo's people made; before the engagement groups they name are removed.
 */
export async function removeGrantsDemo(tx: Executor, userIds: readonly string[]) {
  if (!userIds.length) return;
  const ids = [...userIds];
  const funds = (
    await tx
      .select({ id: grantFunds.id })
      .from(grantFunds)
      .where(inArray(grantFunds.createdBy, ids))
  ).map((f) => f.id);
  const rounds = funds.length
    ? (
        await tx
          .select({ id: grantRounds.id })
          .from(grantRounds)
          .where(inArray(grantRounds.fundId, funds))
      ).map((r) => r.id)
    : [];
  await tx
    .delete(grantApplications)
    .where(
      or(
        inArray(grantApplications.createdBy, ids),
        rounds.length ? inArray(grantApplications.roundId, rounds) : undefined,
      ),
    );
  // The payment batches the demo's officer made, once their instalments have gone.
  await tx.delete(grantPaymentBatches).where(inArray(grantPaymentBatches.createdBy, ids));
  if (rounds.length) await tx.delete(grantRounds).where(inArray(grantRounds.id, rounds));
  // Their years and criteria go with them.
  if (funds.length) await tx.delete(grantFunds).where(inArray(grantFunds.id, funds));
}
