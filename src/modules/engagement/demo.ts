/**
 * The engagement groups' part of the demonstration dataset (CON-04): Camden's community and
 * police engagement group, chaired by the demo engagement group officer, whose role is held for it:
 * its standing against the minimum standards (mostly met, one partly, one not), this year's
 * position statement and development plan under all six headings (not yet agreed), two issues
 * (one answered and closed, one open), a public meeting held and the next one arranged.
 */
import { asc, inArray, isNull, or } from 'drizzle-orm';
import { addCalendarDays, reportingYearOf, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { loadDemoMinutedMeetings } from '../meetings/index.js';
import type { PlanHeading } from './rules.js';
import {
  engagementAssessments,
  engagementGroups,
  engagementIssues,
  engagementPlanHeadings,
  engagementPlans,
  engagementStandards,
} from './schema.js';

const PLAN: Record<PlanHeading, { position: string; plan: string }> = {
  staffing: {
    position: 'A part-time coordinator (two days a week) supports the officers.',
    plan: 'Bid for a third day to cover outreach to young people.',
  },
  accommodation: {
    position: 'Meetings are held in the Town Hall; the group has no office of its own.',
    plan: 'Agree a desk at the Camden Centre for the coordinator.',
  },
  processes: {
    position: 'Four public meetings a year with the borough commander; minutes on the website.',
    plan: 'Add two open ward meetings in Kentish Town and Somers Town.',
  },
  structure: {
    position: 'Chair, secretary and treasurer elected at the annual general meeting.',
    plan: 'Elect a vice-chair for youth engagement at the next AGM.',
  },
  agencies: {
    position: 'A seat on the Camden Community Safety Partnership board.',
    plan: 'Join the partnership’s anti-social behaviour panel.',
  },
  custody_visiting: {
    position: 'The custody visiting panel reports to one meeting a year.',
    plan: 'Invite the panel coordinator to every public meeting.',
  },
};

export async function loadEngagementDemo(
  tx: Executor,
  people: { chair: string; officerUser: string; authorityUser: string },
  boroughId: string,
  today: IsoDate,
): Promise<{ camdenGroupId: string }> {
  const [group] = await tx
    .insert(engagementGroups)
    .values({
      boroughId,
      name: 'Camden Community and Police Engagement Group',
      chairId: people.chair,
      constitutionAdoptedOn: `${Number(today.slice(0, 4)) - 3}-05-14`,
      constitutionLink: 'https://example.org/camden-cpeg/constitution',
      contactEmail: 'camden-cpeg@example.org',
    })
    .returning({ id: engagementGroups.id });
  const groupId = group!.id;

  // Mostly met; the accounts are partly kept, and custody visiting links are not yet made.
  const standards = await tx
    .select({ id: engagementStandards.id, code: engagementStandards.code })
    .from(engagementStandards)
    .where(isNull(engagementStandards.retiredOn))
    .orderBy(asc(engagementStandards.position));
  const assessedOn = addCalendarDays(today, -30);
  if (standards.length)
    await tx.insert(engagementAssessments).values(
      standards.map((s) => ({
        groupId,
        standardId: s.id,
        standing: s.code === 'MS6' ? 'partly' : s.code === 'MS8' ? 'not_met' : 'met',
        evidence:
          s.code === 'MS6'
            ? 'Accounts kept, but last year’s were not independently examined.'
            : s.code === 'MS8'
              ? 'No contact with the custody visiting panel this year.'
              : 'Seen at the annual review visit.',
        assessedOn,
        assessedBy: people.authorityUser,
      })),
    );

  const [plan] = await tx
    .insert(engagementPlans)
    .values({ groupId, startYear: reportingYearOf(today).startYear })
    .returning({ id: engagementPlans.id });
  const target = reportingYearOf(today).end;
  await tx.insert(engagementPlanHeadings).values(
    (Object.keys(PLAN) as PlanHeading[]).map((heading) => ({
      planId: plan!.id,
      heading,
      ...PLAN[heading],
      targetOn: target,
      updatedBy: people.officerUser,
    })),
  );

  await tx.insert(engagementIssues).values([
    {
      groupId,
      raisedOn: addCalendarDays(today, -60),
      raisedBy: people.officerUser,
      raisedTo: 'police',
      issue:
        'Residents report slow responses to calls about drug dealing near Camden Town station.',
      wanted: 'Response times for the area at the next public meeting.',
      response: 'The borough commander presented the figures and a new patrol plan.',
      respondedOn: addCalendarDays(today, -40),
      respondedBy: people.authorityUser,
      closedOn: addCalendarDays(today, -35),
    },
    {
      groupId,
      raisedOn: addCalendarDays(today, -10),
      raisedBy: people.officerUser,
      raisedTo: 'authority',
      issue: 'The group has had no reply about funding for its youth outreach.',
      wanted: 'A decision on the application before the new year.',
    },
  ]);

  // The group meets the police in public: one meeting held, the next arranged.
  await loadDemoMinutedMeetings(
    tx,
    {
      type: 'engagement_group',
      id: groupId,
      venue: 'Camden Town Hall, Judd Street, London WC1H 9JE',
      accessNotes: 'Step-free entrance on Argyle Street; hearing loop in the council chamber.',
      startsAtMinute: 19 * 60,
    },
    {
      secretariatUser: people.officerUser,
      chair: people.chair,
      roll: [{ personId: people.chair, kind: 'member' }],
    },
    [
      {
        title: 'Public meeting with the borough commander',
        day: addCalendarDays(today, -40),
        held: true,
        items: [
          {
            title: 'Drug dealing near Camden Town station',
            minute: 'The borough commander set out response times and a new patrol plan.',
          },
        ],
      },
      {
        title: 'Public meeting with the borough commander',
        day: addCalendarDays(today, 5),
        held: false,
        items: [{ title: 'Youth engagement over the winter' }],
      },
    ],
  );
  return { camdenGroupId: groupId };
}

/** The demo's groups (those whose officers are the demo's people), with what is kept for them. */
export async function removeEngagementDemo(tx: Executor, personIds: readonly string[]) {
  if (!personIds.length) return;
  const ids = [...personIds];
  const groups = (
    await tx
      .select({ id: engagementGroups.id })
      .from(engagementGroups)
      .where(
        or(
          inArray(engagementGroups.chairId, ids),
          inArray(engagementGroups.secretaryId, ids),
          inArray(engagementGroups.treasurerId, ids),
        ),
      )
  ).map((g) => g.id);
  if (!groups.length) return;
  const plans = (
    await tx
      .select({ id: engagementPlans.id })
      .from(engagementPlans)
      .where(inArray(engagementPlans.groupId, groups))
  ).map((p) => p.id);
  if (plans.length)
    await tx.delete(engagementPlanHeadings).where(inArray(engagementPlanHeadings.planId, plans));
  await tx.delete(engagementPlans).where(inArray(engagementPlans.groupId, groups));
  await tx.delete(engagementIssues).where(inArray(engagementIssues.groupId, groups));
  await tx.delete(engagementAssessments).where(inArray(engagementAssessments.groupId, groups));
  await tx.delete(engagementGroups).where(inArray(engagementGroups.id, groups));
}
