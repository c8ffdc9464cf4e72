/**
 * The grants' part of the demonstration dataset (CON-04, CON-05, LEG-06, CDRP-12): the engagement
 * groups' fund (about £1m a year, this year's and last year's budgets, its criteria), the
 * partnership fund, a borough command fund and development bids; a round of the engagement
 * groups' fund open now and one closed last year; and Camden's engagement group's draft
 * application in the open round, part-way through. Returns the ids it made, for the rest of the
 * grants' demo (awards, returns, an evaluation) to build on.
 */
import { inArray, or } from 'drizzle-orm';
import { addCalendarDays, reportingYearOf, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import {
  grantApplications,
  grantBudgetLines,
  grantCriteria,
  grantFunds,
  grantFundYears,
  grantRounds,
} from './schema.js';
import type { ApplicantKind, FundKind } from './constants.js';

export interface GrantsDemo {
  funds: { engagement: string; partnership: string; boroughCommand: string; development: string };
  openRoundId: string;
  closedRoundId: string;
  draftApplicationId: string;
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
  people: { officerUser: string; engagementUser: string },
  camden: { groupId: string; groupName: string },
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
  return {
    funds,
    openRoundId: open!.id,
    closedRoundId: closed!.id,
    draftApplicationId: draft!.id,
  };
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
  if (rounds.length) await tx.delete(grantRounds).where(inArray(grantRounds.id, rounds));
  // Their years and criteria go with them.
  if (funds.length) await tx.delete(grantFunds).where(inArray(grantFunds.id, funds));
}
