/**
 * Grants records a test makes for itself (issue 26): an engagement group, a fund with its year's
 * budget and criteria, a round, and an application with its budget lines and outcomes, written
 * as real rows, named uniquely. An award made here (`makeAwardedApplication`) commits the fund's
 * budget as the award service does, so the budget reads true.
 */
import { and, eq, sql } from 'drizzle-orm';
import { addCalendarMonths } from '../../src/platform/calendar/index.js';
import type {
  ApplicantKind,
  ApplicationStatus,
  FundKind,
} from '../../src/modules/grants/constants.js';
import { engagementGroups } from '../../src/modules/engagement/schema.js';
import {
  criteriaOfRound,
  fixRoundCriteria,
} from '../../src/modules/grants/funds/round-criteria.js';
import {
  grantApplications,
  grantBudgetLines,
  grantCriteria,
  grantFunds,
  grantFundYears,
  grantOutcomes,
  grantPaymentBatches,
  grantPayments,
  grantRounds,
} from '../../src/modules/grants/schema.js';
import type { TestApp } from '../app.js';
import { makeBorough, makeOrganisation, uniqueTag } from './directory.js';

export async function makeEngagementGroup(
  t: TestApp,
  options: { name?: string; boroughId?: string } = {},
) {
  const boroughId = options.boroughId ?? (await makeBorough(t)).id;
  const [row] = await t.services.db
    .insert(engagementGroups)
    .values({ name: options.name ?? `Engagement group ${uniqueTag()}`, boroughId })
    .returning();
  return row!;
}

/** A fund with a budget for `startYear` (2026 unless told) and two weighted criteria. */
export async function makeFund(
  t: TestApp,
  options: {
    name?: string;
    kind?: FundKind;
    applicantKinds?: ApplicantKind[];
    startYear?: number;
    budgetPence?: number;
    criteria?: { title: string; weight: number }[];
  } = {},
) {
  const db = t.services.db;
  const [fund] = await db
    .insert(grantFunds)
    .values({
      name: options.name ?? `Fund ${uniqueTag()}`,
      kind: options.kind ?? 'engagement',
      description: 'Money for engagement groups to engage their communities.',
      conditions: 'An evaluation of effectiveness and value for money at the end.',
      applicantKinds: options.applicantKinds ?? ['engagement_group', 'organisation'],
    })
    .returning();
  await db.insert(grantFundYears).values({
    fundId: fund!.id,
    startYear: options.startYear ?? 2026,
    budgetPence: options.budgetPence ?? 100_000_00,
  });
  const criteria = await db
    .insert(grantCriteria)
    .values(
      (
        options.criteria ?? [
          { title: 'Reaches communities that are seldom heard', weight: 3 },
          { title: 'Value for money', weight: 2 },
        ]
      ).map((c, i) => ({ fundId: fund!.id, position: i + 1, ...c })),
    )
    .returning();
  return { ...fund!, criteria };
}

/** A round of the fund, open from 1 September to 31 October 2026 unless told. */
export async function makeRound(
  t: TestApp,
  fundId: string,
  options: { startYear?: number; opensOn?: string; closesOn?: string; title?: string } = {},
) {
  const [row] = await t.services.db
    .insert(grantRounds)
    .values({
      fundId,
      startYear: options.startYear ?? 2026,
      title: options.title ?? `Round ${uniqueTag()}`,
      opensOn: options.opensOn ?? '2026-09-01',
      closesOn: options.closesOn ?? '2026-10-31',
    })
    .returning();
  return row!;
}

/**
 * An application to the round, submitted unless told, from a new engagement group unless an
 * applicant is given, with its budget lines (£600 and £400 unless told) and two outcomes. Once
 * submitted, its round's criteria are fixed as the service fixes them (CON-04); `criteria` are
 * those it is assessed against (their ids are the score fields').
 */
export async function makeApplication(
  t: TestApp,
  roundId: string,
  options: {
    status?: ApplicationStatus;
    engagementGroupId?: string;
    organisationId?: string;
    applicantKind?: ApplicantKind;
    boroughId?: string;
    lines?: number[];
    projectTitle?: string;
    startsOn?: string;
    endsOn?: string;
    /** The account that sent it (none unless told). */
    submittedBy?: string;
  } = {},
) {
  const db = t.services.db;
  let applicantKind: ApplicantKind = options.applicantKind ?? 'engagement_group';
  let engagementGroupId: string | null = null;
  let organisationId: string | null = null;
  let applicantName: string;
  let boroughId = options.boroughId ?? null;
  if (options.organisationId) {
    applicantKind = options.applicantKind ?? 'organisation';
    organisationId = options.organisationId;
    applicantName = `Organisation ${uniqueTag()}`;
  } else if (applicantKind === 'engagement_group') {
    const group = options.engagementGroupId
      ? (
          await db
            .select()
            .from(engagementGroups)
            .where(eq(engagementGroups.id, options.engagementGroupId))
        )[0]!
      : await makeEngagementGroup(t, boroughId ? { boroughId } : {});
    engagementGroupId = group.id;
    applicantName = group.name;
    boroughId ??= group.boroughId;
  } else if (applicantKind === 'partnership' || applicantKind === 'borough') {
    // A borough's partnership or police command applies for the borough.
    const borough = boroughId ? { id: boroughId, name: 'Borough' } : await makeBorough(t);
    organisationId = borough.id;
    boroughId = borough.id;
    applicantName = `${borough.name} Community Safety Partnership`;
  } else {
    const organisation = await makeOrganisation(t, { kind: 'community' });
    organisationId = organisation.id;
    applicantName = organisation.name;
  }
  const status = options.status ?? 'submitted';
  const lines = options.lines ?? [600_00, 400_00];
  const submitted = status !== 'draft';
  const [application] = await db
    .insert(grantApplications)
    .values({
      roundId,
      applicantKind,
      engagementGroupId,
      organisationId,
      applicantName,
      boroughId,
      projectTitle: options.projectTitle ?? `Project ${uniqueTag()}`,
      summary: 'Listening events with young people and the police.',
      objectives: 'Build trust between young people and their local police.',
      activities: 'Six listening events and a youth panel.',
      startsOn: options.startsOn ?? '2027-01-01',
      endsOn: options.endsOn ?? '2027-12-31',
      status: submitted ? 'submitted' : 'draft',
      requestedPence: submitted ? lines.reduce((a, b) => a + b, 0) : null,
      submittedAt: submitted ? new Date('2026-10-01T10:00:00Z') : null,
      submittedBy: submitted ? (options.submittedBy ?? null) : null,
    })
    .returning();
  const budgetLines = lines.length
    ? await db
        .insert(grantBudgetLines)
        .values(
          lines.map((amountPence, i) => ({
            applicationId: application!.id,
            position: i + 1,
            description: `Budget line ${i + 1}`,
            amountPence,
          })),
        )
        .returning()
    : [];
  const outcomes = await db
    .insert(grantOutcomes)
    .values([
      {
        applicationId: application!.id,
        position: 1,
        outcome: 'Young people trust the police more',
        measure: 'Survey before and after',
      },
      {
        applicationId: application!.id,
        position: 2,
        outcome: 'More young people attend',
        measure: 'Attendance at each event',
      },
    ])
    .returning();
  if (submitted) await fixRoundCriteria(db, roundId, application!.submittedAt!);
  const [round] = await db.select().from(grantRounds).where(eq(grantRounds.id, roundId));
  const criteria = await criteriaOfRound(db, round!);
  return { ...application!, budgetLines, outcomes, criteria };
}

/** An instalment of an award: its amount, due date (quarterly from 1 December 2026 unless told). */
export interface FactoryInstalment {
  amountPence: number;
  dueOn?: string;
  /** Put in a payment batch already (no longer to be paid). */
  batched?: boolean;
}

/**
 * An awarded application, as the panel would leave it: decided, with the award committed against
 * its round's fund year (refused, as the service would, if the budget has not room), and the
 * instalments given (none unless told), those `batched` in a payment batch of their own.
 */
export async function makeAwardedApplication(
  t: TestApp,
  roundId: string,
  options: Parameters<typeof makeApplication>[2] & {
    awardedPence?: number;
    instalments?: FactoryInstalment[];
  } = {},
) {
  const db = t.services.db;
  const application = await makeApplication(t, roundId, options);
  const awardedPence = options.awardedPence ?? application.requestedPence!;
  const [round] = await db.select().from(grantRounds).where(eq(grantRounds.id, roundId));
  const committed = await db
    .update(grantFundYears)
    .set({ committedPence: sql`${grantFundYears.committedPence} + ${awardedPence}` })
    .where(
      and(
        eq(grantFundYears.fundId, round!.fundId),
        eq(grantFundYears.startYear, round!.startYear),
        sql`${grantFundYears.committedPence} + ${awardedPence} <= ${grantFundYears.budgetPence}`,
      ),
    )
    .returning();
  if (!committed.length) throw new Error('the fund year has not room for this award');
  const [awarded] = await db
    .update(grantApplications)
    .set({
      status: 'awarded',
      awardedPence,
      decidedAt: new Date('2026-11-15T10:00:00Z'),
      panel: 'Grants panel',
      decisionReason: 'Meets the criteria well.',
      conditions: 'Quarterly returns; an evaluation at the end.',
    })
    .where(eq(grantApplications.id, application.id))
    .returning();
  const wanted = options.instalments ?? [];
  const batched = wanted.filter((i) => i.batched);
  const [batch] = batched.length
    ? await db
        .insert(grantPaymentBatches)
        .values({
          createdAt: new Date('2026-11-20T10:00:00Z'),
          paymentCount: batched.length,
          totalPence: batched.reduce((a, i) => a + i.amountPence, 0),
        })
        .returning()
    : [];
  const instalments = wanted.length
    ? await db
        .insert(grantPayments)
        .values(
          wanted.map((i, n) => ({
            applicationId: application.id,
            instalment: n + 1,
            dueOn: i.dueOn ?? addCalendarMonths('2026-12-01', n * 3),
            amountPence: i.amountPence,
            batchId: i.batched ? batch!.id : null,
          })),
        )
        .returning()
    : [];
  return { ...application, ...awarded!, instalments };
}
