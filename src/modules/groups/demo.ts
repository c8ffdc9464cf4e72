/**
 * The groups module's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order): the demo corporate IAG's members, terms, election, deployment contact and terms of
 * reference. Writes only the groups module's tables; people come from the directory's part.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { ANNUAL_CONFERENCE_ID, DIRECTOR_CHAIRS_ID } from './meeting-body.js';
import { termEndDate } from './rules.js';
import {
  advisoryGroups,
  electionCandidates,
  elections,
  groupDocuments,
  groupDocumentVersions,
  memberships,
  reappointments,
} from './schema.js';

/** The bodies other than a group that meet (ADR 0005), for the demo's meetings of them. */
export const DEMO_MEETING_BODIES = {
  directorChairs: DIRECTOR_CHAIRS_ID,
  annualConference: ANNUAL_CONFERENCE_ID,
} as const;

/** The id of the reference group (by code) the demo fills in, if the reference data has it. */
export async function demoGroupId(db: Db, code: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.code, code));
  return row?.id;
}

/** The people of the demo group, from the directory's part. */
export interface DemoGroupPeople {
  chair: string;
  advisor: string;
  deploymentContact: string;
  /** In a second term (a third is refused). */
  priya: string;
  /** Appointed a year ago; stood for chair and lost. */
  jordan: string;
}

/**
 * A chair elected a year ago, a member whose first term ends in three months (to agree a second
 * term), one in a second term (a third is refused), and a deployment contact. Dates are relative
 * to today so the demo stays current.
 */
export async function loadGroupsDemo(
  tx: Executor,
  groupId: string,
  who: DemoGroupPeople,
  today: IsoDate,
): Promise<void> {
  const monthsAgo = (n: number) => addCalendarMonths(today, -n);
  const { chair, priya, jordan } = who;
  const appointment = (personId: string, startsOn: string, publishName = false) => ({
    groupId,
    personId,
    termNumber: 1,
    startsOn,
    endsOn: termEndDate(startsOn),
    publishName,
  });
  const [priyaFirst] = await tx
    .insert(memberships)
    .values({ ...appointment(priya, monthsAgo(72)), status: 'ended', leftOn: monthsAgo(24) })
    .returning({ id: memberships.id });
  await tx.insert(memberships).values([
    appointment(chair, monthsAgo(36), true),
    appointment(who.advisor, monthsAgo(45), true),
    appointment(jordan, monthsAgo(12), true),
    {
      ...appointment(priya, monthsAgo(24)),
      termNumber: 2,
      previousMembershipId: priyaFirst!.id,
    },
  ]);
  const [election] = await tx
    .insert(elections)
    .values({
      groupId,
      heldOn: monthsAgo(12),
      adjudicatorName: 'Ruth Mensah',
      adjudicatorOrganisation: 'London Community Mediation (demo)',
      agreedByChairs: 'The outgoing chair',
      agreedByPolice: 'Chris Coordinator, IAG Coordination Unit',
    })
    .returning({ id: elections.id });
  await tx.insert(electionCandidates).values([
    { electionId: election!.id, personId: chair, elected: true },
    { electionId: election!.id, personId: jordan, elected: false },
  ]);
  await tx
    .update(advisoryGroups)
    .set({ deploymentContactId: who.deploymentContact })
    .where(eq(advisoryGroups.id, groupId));
  const [existing] = await tx
    .select({ id: groupDocuments.id })
    .from(groupDocuments)
    .where(eq(groupDocuments.groupId, groupId));
  if (!existing) {
    const [document] = await tx
      .insert(groupDocuments)
      .values({ groupId, kind: 'terms_of_reference', title: 'Terms of reference' })
      .returning({ id: groupDocuments.id });
    await tx.insert(groupDocumentVersions).values({
      documentId: document!.id,
      number: 1,
      agreedOn: monthsAgo(12),
      body: [
        '1. The group elects a chair, or at most two co-chairs, every two years. An independent adjudicator agreed by the chair(s) in office and the police service oversees the election.',
        '2. Nobody serves more than two consecutive terms as chair.',
        '3. The group may form sub-groups.',
        '4. The group meets every two months, as it sets and the police service agrees.',
        '5. Any member, and the police service, may table an item for the agenda.',
        '6. A member who misses three meetings in a row may have their membership withdrawn by the chair(s).',
        '7. The Seven Principles of Public Life apply to every member.',
      ].join('\n'),
    });
  }
}

/**
 * The demo people's memberships (with their reappointments) and candidacies, elections left with
 * no candidate, and their names as a group's deployment contact.
 */
export async function removeGroupsDemo(tx: Executor, personIds: readonly string[]): Promise<void> {
  if (!personIds.length) return;
  const demoPeople = [...personIds];
  const demoMemberships = (
    await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(inArray(memberships.personId, demoPeople))
  ).map((m) => m.id);
  if (demoMemberships.length) {
    await tx.delete(reappointments).where(inArray(reappointments.membershipId, demoMemberships));
    // Second terms point at first terms: unlink before deleting.
    await tx
      .update(memberships)
      .set({ previousMembershipId: null })
      .where(inArray(memberships.id, demoMemberships));
    await tx.delete(memberships).where(inArray(memberships.id, demoMemberships));
  }
  await tx.delete(electionCandidates).where(inArray(electionCandidates.personId, demoPeople));
  await tx
    .delete(elections)
    .where(
      sql`not exists (select 1 from ${electionCandidates} c where c.election_id = ${elections.id})`,
    );
  await tx
    .update(advisoryGroups)
    .set({ deploymentContactId: null })
    .where(inArray(advisoryGroups.deploymentContactId, demoPeople));
}
