/**
 * The demonstration dataset: one account for every role, each with an entry in the directory,
 * and a few partner and community organisations. Never loaded when BRIDGE_DEMO=false.
 */
import { eq, inArray, like, or, sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Role } from '../platform/auth/roles.js';
import { apiTokens, roleAssignments, users } from '../platform/auth/schema.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { SecretBox } from '../platform/auth/secret-box.js';
import type { Db, Executor } from '../platform/db/database.js';
import { organisationIdByCode } from '../modules/directory/reference-data.js';
import { organisations, people } from '../modules/directory/schema.js';
import {
  adviceConflicts,
  adviceDocuments,
  adviceGiven,
  adviceOffers,
  adviceRequestQuestions,
  disclosures,
  adviceRequestEvents,
  adviceRequestRoutes,
  adviceRequests,
  advisorProfiles,
  advisorUnavailability,
  deployments,
} from '../modules/advice/schema.js';
import {
  expenseBudgets,
  expenseClaims,
  expenseDisputes,
  expenseItems,
  paymentBatches,
} from '../modules/expenses/schema.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerReports,
  trackerSources,
  trackerUpdates,
} from '../modules/tracker/schema.js';
import { ANNUAL_CONFERENCE_ID, DIRECTOR_CHAIRS_ID } from '../modules/groups/meeting-body.js';
import { termEndDate } from '../modules/groups/rules.js';
import {
  advisoryGroups,
  electionCandidates,
  elections,
  groupDocuments,
  groupDocumentVersions,
  memberships,
  reappointments,
} from '../modules/groups/schema.js';
import {
  agendaItems,
  calendarFeeds,
  meetingActions,
  meetingAttendance,
  meetingInvitations,
  meetingPapers,
  meetings,
  minutedAdvice,
  minuteItems,
  minutes,
} from '../modules/meetings/schema.js';
import {
  addCalendarDays,
  addCalendarMonths,
  londonInstant,
  todayInLondon,
} from '../platform/calendar/index.js';

export const DEMO_DOMAIN = 'bridge.example';
export const DEMO_PASSWORD = 'bridge demo 2026 passphrase';
/** The corporate IAG the demo chair chairs and the demo deployment contact serves. */
export const DEMO_GROUP = 'iag-race';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  jobTitle: string;
  organisation: string;
  /** A fixed TOTP secret, so the README can tell people how to sign in. */
  totpSecret?: string;
  /** A borough (by code) a scoped role is held for. */
  borough?: string;
  /** A group (by code) a scoped role is held for. */
  group?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: `admin@${DEMO_DOMAIN}`,
    name: 'Alex Admin',
    role: 'administrator',
    jobTitle: 'System administrator',
    organisation: 'authority',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  {
    email: `coordination@${DEMO_DOMAIN}`,
    name: 'Chris Coordinator',
    role: 'coordination_unit',
    jobTitle: 'IAG coordination officer',
    organisation: 'iag-coordination-unit',
    totpSecret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
  },
  {
    email: `director@${DEMO_DOMAIN}`,
    name: 'Dana Director',
    role: 'director',
    jobTitle: 'Director, Diversity and Citizen Focus',
    organisation: 'dcfd',
  },
  {
    email: `ctset@${DEMO_DOMAIN}`,
    name: 'Sam Strategic',
    role: 'ctset',
    jobTitle: 'Strategic engagement officer',
    organisation: 'ctset',
  },
  {
    email: `requester@${DEMO_DOMAIN}`,
    name: 'DS Riley Requester',
    role: 'requester',
    jobTitle: 'Senior investigating officer',
    organisation: 'specialist-crime',
  },
  {
    email: `advisor@${DEMO_DOMAIN}`,
    name: 'Avery Advisor',
    role: 'advisor',
    jobTitle: 'Independent advisor',
    organisation: '',
  },
  {
    email: `chair@${DEMO_DOMAIN}`,
    name: 'Charlie Chair',
    role: 'chair',
    jobTitle: 'Independent advisor and chair',
    organisation: '',
    group: DEMO_GROUP,
  },
  {
    email: `deployment@${DEMO_DOMAIN}`,
    name: 'Drew Deployment',
    role: 'deployment_contact',
    jobTitle: 'Deployment contact',
    organisation: '',
    group: DEMO_GROUP,
  },
  {
    email: `officer@${DEMO_DOMAIN}`,
    name: 'Olu Officer',
    role: 'authority_officer',
    jobTitle: 'Community engagement officer',
    organisation: 'authority',
  },
  {
    email: `member@${DEMO_DOMAIN}`,
    name: 'Morgan Member',
    role: 'authority_member',
    jobTitle: 'Authority member',
    organisation: 'authority',
  },
  {
    email: `visitor@${DEMO_DOMAIN}`,
    name: 'Val Visitor',
    role: 'lay_visitor',
    jobTitle: 'Independent custody visitor',
    organisation: '',
  },
  {
    email: `partnership@${DEMO_DOMAIN}`,
    name: 'Inspector Pat Partnership',
    role: 'partnership_officer',
    jobTitle: 'Partnership inspector, Camden',
    organisation: 'E09000007',
    borough: 'E09000007',
  },
];

const DEMO_ORGANISATIONS = [
  {
    code: 'demo-camden-cpeg',
    kind: 'community' as const,
    name: 'Camden Community and Police Engagement Group',
    description: 'The borough’s consultative group.',
    email: 'cpeg@camden.example',
    phone: '020 7946 0101',
  },
  {
    code: 'demo-victim-support',
    kind: 'partner' as const,
    name: 'Victim Support London',
    description: 'Independent charity supporting victims and witnesses of crime.',
    email: 'london@victimsupport.example',
    phone: '020 7946 0202',
  },
  {
    code: 'demo-youth-forum',
    kind: 'community' as const,
    name: 'Hackney Youth Forum',
    description: 'Young people aged 14 to 25 who advise the borough.',
    email: 'hello@hackneyyouth.example',
    phone: '020 7946 0303',
  },
];

/** Removes the demonstration dataset, leaving reference data and everything else alone. */
export async function removeDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const demoUsers = await tx
      .select({ id: users.id })
      .from(users)
      .where(like(users.email, `%@${DEMO_DOMAIN}`));
    const ids = demoUsers.map((u) => u.id);
    const demoPeople = (
      await tx
        .select({ id: people.id })
        .from(people)
        .where(
          or(
            like(people.email, `%@${DEMO_DOMAIN}`),
            ids.length ? inArray(people.userId, ids) : undefined,
          ),
        )
    ).map((p) => p.id);
    await removeDemoMeetingRecords(tx, ids, demoPeople);
    await removeDemoDeployments(tx, ids, demoPeople);
    await removeDemoExpenses(tx, ids, demoPeople);
    await removeDemoTrackerNames(tx, ids, demoPeople);
    if (ids.length) {
      // Requests for advice the demo accounts made, with their timelines and routes.
      const asked = tx
        .select({ id: adviceRequests.id })
        .from(adviceRequests)
        .where(inArray(adviceRequests.requestedBy, ids));
      await tx.delete(adviceRequestEvents).where(inArray(adviceRequestEvents.requestId, asked));
      await tx.delete(adviceRequestRoutes).where(inArray(adviceRequestRoutes.requestId, asked));
      await tx.delete(adviceRequests).where(inArray(adviceRequests.requestedBy, ids));
      await tx
        .update(adviceRequestEvents)
        .set({ actorUserId: null })
        .where(inArray(adviceRequestEvents.actorUserId, ids));
      await tx
        .update(adviceRequestRoutes)
        .set({ routedBy: null })
        .where(inArray(adviceRequestRoutes.routedBy, ids));
      await tx
        .update(adviceRequests)
        .set({ triagedBy: null })
        .where(inArray(adviceRequests.triagedBy, ids));
    }
    if (demoPeople.length) {
      const demoMemberships = (
        await tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(inArray(memberships.personId, demoPeople))
      ).map((m) => m.id);
      if (demoMemberships.length) {
        await tx
          .delete(reappointments)
          .where(inArray(reappointments.membershipId, demoMemberships));
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
      await tx.delete(people).where(inArray(people.id, demoPeople));
    }
    if (ids.length) {
      await tx.delete(people).where(inArray(people.userId, ids));
      await tx.delete(apiTokens).where(inArray(apiTokens.createdBy, ids));
      await tx.delete(users).where(inArray(users.id, ids));
    }
    const demoOrgs = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(like(organisations.code, 'demo-%'));
    if (demoOrgs.length) {
      const orgIds = demoOrgs.map((o) => o.id);
      await tx.delete(people).where(inArray(people.organisationId, orgIds));
      await tx.delete(organisations).where(inArray(organisations.id, orgIds));
    }
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'demo-data.removed',
      recordType: 'demo-data',
      recordId: DEMO_DOMAIN,
      before: { users: ids.length, organisations: demoOrgs.length },
    });
  });
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Nominations on the demo accounts' requests or of demo people, with the conflicts, experience
 * and unavailable days they recorded; where a demo account only acted on someone else's
 * deployment, its name is taken off.
 */
async function removeDemoDeployments(
  tx: Executor,
  userIds: readonly string[],
  personIds: readonly string[],
): Promise<void> {
  const users_ = userIds.length ? [...userIds] : [NO_ID];
  const people_ = personIds.length ? [...personIds] : [NO_ID];
  const asked = tx
    .select({ id: adviceRequests.id })
    .from(adviceRequests)
    .where(inArray(adviceRequests.requestedBy, users_));
  // Their advice, what was shared with them and the files kept with either, before the
  // deployments these hang off; on anyone else's record only their name is taken off.
  const theirAdvice = tx
    .select({ id: adviceGiven.id })
    .from(adviceGiven)
    .where(or(inArray(adviceGiven.requestId, asked), inArray(adviceGiven.personId, people_)));
  await tx
    .delete(disclosures)
    .where(or(inArray(disclosures.requestId, asked), inArray(disclosures.personId, people_)));
  await tx
    .update(disclosures)
    .set({ disclosedBy: null })
    .where(inArray(disclosures.disclosedBy, users_));
  await tx
    .delete(adviceDocuments)
    .where(
      or(inArray(adviceDocuments.requestId, asked), inArray(adviceDocuments.adviceId, theirAdvice)),
    );
  await tx
    .update(adviceDocuments)
    .set({ uploadedBy: null })
    .where(inArray(adviceDocuments.uploadedBy, users_));
  await tx
    .update(minutedAdvice)
    .set({ adviceRequestId: null })
    .where(inArray(minutedAdvice.adviceRequestId, asked));
  await tx
    .delete(adviceGiven)
    .where(or(inArray(adviceGiven.requestId, asked), inArray(adviceGiven.personId, people_)));
  await tx
    .update(adviceGiven)
    .set({ recordedBy: null })
    .where(inArray(adviceGiven.recordedBy, users_));
  await tx
    .update(adviceGiven)
    .set({ outcomeBy: null })
    .where(inArray(adviceGiven.outcomeBy, users_));
  await tx.delete(adviceRequestQuestions).where(inArray(adviceRequestQuestions.requestId, asked));
  await tx
    .update(adviceRequestQuestions)
    .set({ askedBy: null })
    .where(inArray(adviceRequestQuestions.askedBy, users_));
  await tx
    .update(adviceRequestQuestions)
    .set({ answeredBy: null })
    .where(inArray(adviceRequestQuestions.answeredBy, users_));
  await tx.delete(adviceOffers).where(inArray(adviceOffers.offeredBy, users_));
  await tx
    .update(adviceOffers)
    .set({ requestId: null })
    .where(inArray(adviceOffers.requestId, asked));
  await tx
    .update(adviceOffers)
    .set({ respondedBy: null })
    .where(inArray(adviceOffers.respondedBy, users_));
  await tx
    .delete(deployments)
    .where(or(inArray(deployments.requestId, asked), inArray(deployments.personId, people_)));
  await tx
    .delete(adviceConflicts)
    .where(
      or(inArray(adviceConflicts.requestId, asked), inArray(adviceConflicts.personId, people_)),
    );
  await tx
    .update(adviceConflicts)
    .set({ recordedBy: null })
    .where(inArray(adviceConflicts.recordedBy, users_));
  await tx
    .update(deployments)
    .set({ nominatedBy: null })
    .where(inArray(deployments.nominatedBy, users_));
  await tx
    .update(deployments)
    .set({ arrangedBy: null })
    .where(inArray(deployments.arrangedBy, users_));
  await tx.delete(advisorProfiles).where(inArray(advisorProfiles.personId, people_));
  await tx.delete(advisorUnavailability).where(inArray(advisorUnavailability.personId, people_));
}

/**
 * The demo people's expense claims, with their items and disputes; payment batches left with no
 * claims go too, so no batch's total disagrees with its claims. Elsewhere their names come off.
 */
async function removeDemoExpenses(
  tx: Executor,
  userIds: readonly string[],
  personIds: readonly string[],
): Promise<void> {
  const users_ = userIds.length ? [...userIds] : [NO_ID];
  const people_ = personIds.length ? [...personIds] : [NO_ID];
  const theirs = tx
    .select({ id: expenseClaims.id })
    .from(expenseClaims)
    .where(
      or(
        inArray(expenseClaims.claimantPersonId, people_),
        inArray(expenseClaims.claimantUserId, users_),
      ),
    );
  await tx.delete(expenseDisputes).where(inArray(expenseDisputes.claimId, theirs));
  await tx.delete(expenseItems).where(inArray(expenseItems.claimId, theirs));
  await tx
    .delete(expenseClaims)
    .where(
      or(
        inArray(expenseClaims.claimantPersonId, people_),
        inArray(expenseClaims.claimantUserId, users_),
      ),
    );
  await tx
    .update(expenseClaims)
    .set({ decidedBy: null })
    .where(inArray(expenseClaims.decidedBy, users_));
  await tx
    .update(expenseClaims)
    .set({ secondApprovedBy: null })
    .where(inArray(expenseClaims.secondApprovedBy, users_));
  for (const column of ['raisedBy', 'chairDecidedBy', 'directorDecidedBy'] as const)
    await tx
      .update(expenseDisputes)
      .set({ [column]: null })
      .where(inArray(expenseDisputes[column], users_));
  await tx
    .delete(paymentBatches)
    .where(
      sql`not exists (select 1 from ${expenseClaims} where ${expenseClaims.batchId} = ${paymentBatches.id})`,
    );
  await tx
    .update(paymentBatches)
    .set({ createdBy: null })
    .where(inArray(paymentBatches.createdBy, users_));
  await tx
    .update(paymentBatches)
    .set({ paidBy: null })
    .where(inArray(paymentBatches.paidBy, users_));
  await tx.update(expenseBudgets).set({ setBy: null }).where(inArray(expenseBudgets.setBy, users_));
}

/**
 * The tracker keeps its sources and their history; the demo accounts' names come off what they
 * recorded, and actions owned or led by demo people or demo organisations lose their owner.
 */
async function removeDemoTrackerNames(
  tx: Executor,
  userIds: readonly string[],
  personIds: readonly string[],
): Promise<void> {
  const users_ = userIds.length ? [...userIds] : [NO_ID];
  const demoOrganisations = tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(like(organisations.code, 'demo-%'));
  const demoPeople = or(
    inArray(people.id, personIds.length ? [...personIds] : [NO_ID]),
    inArray(people.organisationId, demoOrganisations),
  );
  const theirPeople = tx.select({ id: people.id }).from(people).where(demoPeople);
  await tx
    .update(trackerSources)
    .set({ createdBy: null })
    .where(inArray(trackerSources.createdBy, users_));
  await tx
    .update(trackerSources)
    .set({ ownerOrganisationId: null })
    .where(inArray(trackerSources.ownerOrganisationId, demoOrganisations));
  await tx
    .update(trackerUpdates)
    .set({ authorUserId: null })
    .where(inArray(trackerUpdates.authorUserId, users_));
  await tx
    .update(trackerReports)
    .set({ producedBy: null })
    .where(inArray(trackerReports.producedBy, users_));
  await tx
    .update(trackerActions)
    .set({ ownerPersonId: null })
    .where(inArray(trackerActions.ownerPersonId, theirPeople));
  await tx
    .update(trackerActions)
    .set({ ownerOrganisationId: null })
    .where(inArray(trackerActions.ownerOrganisationId, demoOrganisations));
  await tx
    .update(trackerKeyPoints)
    .set({ leadPersonId: null })
    .where(inArray(trackerKeyPoints.leadPersonId, theirPeople));
  await tx
    .update(trackerKeyPoints)
    .set({ leadOrganisationId: null })
    .where(inArray(trackerKeyPoints.leadOrganisationId, demoOrganisations));
}

/**
 * The meetings records the demo accounts made or appear in: meetings they scheduled (with
 * everything hanging off them), items they tabled, their attendance, papers and calendar feeds;
 * where they only touched someone else's record, their name is taken off it.
 */
async function removeDemoMeetingRecords(
  tx: Executor,
  userIds: readonly string[],
  personIds: readonly string[],
): Promise<void> {
  // inArray needs at least one value: a UUID no row has stands for "none".
  const some = (ids: readonly string[]) => (ids.length ? [...ids] : [NO_ID]);
  const users_ = some(userIds);
  const people_ = some(personIds);
  const scheduled = (
    await tx.select({ id: meetings.id }).from(meetings).where(inArray(meetings.createdBy, users_))
  ).map((m) => m.id);
  const gone = some(scheduled);
  const items = (
    await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(
        or(
          inArray(agendaItems.meetingId, gone),
          inArray(agendaItems.tabledByUserId, users_),
          inArray(agendaItems.tabledByPersonId, people_),
        ),
      )
  ).map((i) => i.id);
  const itemsGone = some(items);
  const minutesGone = (
    await tx.select({ id: minutes.id }).from(minutes).where(inArray(minutes.meetingId, gone))
  ).map((m) => m.id);
  const minutesIds = some(minutesGone);
  await tx.delete(minutedAdvice).where(inArray(minutedAdvice.minutesId, minutesIds));
  await tx
    .delete(minuteItems)
    .where(
      or(inArray(minuteItems.minutesId, minutesIds), inArray(minuteItems.agendaItemId, itemsGone)),
    );
  await tx
    .update(minutes)
    .set({ approvedAtMeetingId: null })
    .where(inArray(minutes.approvedAtMeetingId, gone));
  await tx.update(minutes).set({ correctsMinutesId: null }).where(inArray(minutes.id, minutesIds));
  await tx.delete(minutes).where(inArray(minutes.id, minutesIds));
  await tx.update(minutes).set({ draftedBy: null }).where(inArray(minutes.draftedBy, users_));
  await tx.update(minutes).set({ approvedBy: null }).where(inArray(minutes.approvedBy, users_));
  await tx
    .update(meetingActions)
    .set({ closedAtMeetingId: null })
    .where(inArray(meetingActions.closedAtMeetingId, gone));
  await tx.delete(meetingActions).where(inArray(meetingActions.meetingId, gone));
  await tx
    .update(meetingActions)
    .set({ createdBy: null })
    .where(inArray(meetingActions.createdBy, users_));
  await tx
    .delete(meetingPapers)
    .where(
      or(inArray(meetingPapers.meetingId, gone), inArray(meetingPapers.agendaItemId, itemsGone)),
    );
  await tx
    .update(meetingPapers)
    .set({ uploadedBy: null })
    .where(inArray(meetingPapers.uploadedBy, users_));
  await tx.delete(meetingInvitations).where(inArray(meetingInvitations.meetingId, gone));
  await tx
    .update(meetingInvitations)
    .set({ invitedBy: null })
    .where(inArray(meetingInvitations.invitedBy, users_));
  await tx
    .update(meetingInvitations)
    .set({ recordedBy: null })
    .where(inArray(meetingInvitations.recordedBy, users_));
  await tx
    .delete(meetingAttendance)
    .where(
      or(inArray(meetingAttendance.meetingId, gone), inArray(meetingAttendance.personId, people_)),
    );
  await tx
    .update(meetingAttendance)
    .set({ recordedBy: null })
    .where(inArray(meetingAttendance.recordedBy, users_));
  await tx
    .update(agendaItems)
    .set({ deferredFromMeetingId: null })
    .where(inArray(agendaItems.deferredFromMeetingId, gone));
  await tx.delete(agendaItems).where(inArray(agendaItems.id, itemsGone));
  await tx
    .update(agendaItems)
    .set({ decidedBy: null })
    .where(inArray(agendaItems.decidedBy, users_));
  await tx.delete(meetings).where(inArray(meetings.id, gone));
  await tx.delete(calendarFeeds).where(inArray(calendarFeeds.userId, users_));
}

export async function demoDataPresent(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_ACCOUNTS[0]!.email));
  return row !== undefined;
}

/** Loads the demonstration dataset. Reference data must already be loaded. */
export async function loadDemoData(db: Db, secretBox: SecretBox): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgIds = new Map<string, string>();
  for (const code of new Set(DEMO_ACCOUNTS.map((a) => a.organisation).filter(Boolean))) {
    const id = await organisationIdByCode(db, code);
    if (id) orgIds.set(code, id);
  }
  const groupIds = new Map<string, string>();
  for (const row of await db
    .select({ id: advisoryGroups.id, code: advisoryGroups.code })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.code, DEMO_GROUP)))
    if (row.code) groupIds.set(row.code, row.id);
  const personIds = new Map<Role, string>();
  const userIds = new Map<Role, string>();
  await db.transaction(async (tx) => {
    for (const org of DEMO_ORGANISATIONS) {
      const [row] = await tx.insert(organisations).values(org).returning({ id: organisations.id });
      orgIds.set(org.code, row!.id);
      await tx.insert(people).values({
        fullName: `${org.name.split(' ')[0]} Contact`,
        jobTitle: 'Secretary',
        organisationId: row!.id,
        email: org.email,
        phone: org.phone,
      });
    }
    for (const account of DEMO_ACCOUNTS) {
      const now = new Date();
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          displayName: account.name,
          passwordHash,
          totpSecret: account.totpSecret ? secretBox.seal(account.totpSecret) : null,
          totpEnabledAt: account.totpSecret ? now : null,
        })
        .returning({ id: users.id });
      const scope = account.borough
        ? { type: 'borough' as const, id: orgIds.get(account.borough) }
        : account.group
          ? { type: 'group' as const, id: groupIds.get(account.group) }
          : undefined;
      await tx.insert(roleAssignments).values({
        userId: user!.id,
        role: account.role,
        scopeType: scope?.id ? scope.type : null,
        scopeId: scope?.id ?? null,
      });
      const [person] = await tx
        .insert(people)
        .values({
          fullName: account.name,
          jobTitle: account.jobTitle,
          organisationId: account.organisation ? (orgIds.get(account.organisation) ?? null) : null,
          email: account.email,
          userId: user!.id,
        })
        .returning({ id: people.id });
      personIds.set(account.role, person!.id);
      userIds.set(account.role, user!.id);
    }
    await loadDemoGroup(tx, groupIds.get(DEMO_GROUP), personIds, userIds);
    // IAG-31: one of the year's two meetings of the Director with the chairs is scheduled, so
    // the register shows the year is one short.
    const meetsOn = addCalendarDays(todayInLondon(new Date()), 45);
    await tx.insert(meetings).values({
      bodyType: 'director_chairs',
      bodyId: DIRECTOR_CHAIRS_ID,
      title: "The Director's meeting with the corporate IAG chairs",
      startsAt: londonInstant(meetsOn, 14 * 60),
      endsAt: londonInstant(meetsOn, 16 * 60),
      format: 'in_person',
      venue: 'New Scotland Yard, Victoria Embankment',
      createdBy: userIds.get('coordination_unit')!,
    });
    // IAG-32: this year's annual conference of all the groups, scheduled, invitations not sent.
    const conferenceOn = addCalendarDays(todayInLondon(new Date()), 60);
    await tx.insert(meetings).values({
      bodyType: 'annual_conference',
      bodyId: ANNUAL_CONFERENCE_ID,
      title: 'Annual conference of the advisory groups: learning and good practice',
      startsAt: londonInstant(conferenceOn, 10 * 60),
      endsAt: londonInstant(conferenceOn, 16 * 60),
      format: 'hybrid',
      venue: 'City Hall, Kamal Chunchie Way',
      accessNotes: 'Step-free throughout; hearing loop in the chamber; quiet room on level 2.',
      createdBy: userIds.get('coordination_unit')!,
    });
    // IAG-08: two requests waiting for the strategic engagement team, the urgent one first.
    const requester = userIds.get('requester')!;
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const waiting = await tx
      .insert(adviceRequests)
      .values([
        {
          requestedBy: requester,
          subject: 'Community tension after a fatal stabbing in Brixton',
          details:
            'A 17-year-old was stabbed outside a youth club last night. Rumours on social media say the police did not respond in time. We want advice on the community meeting planned for tomorrow evening.',
          operation: 'Operation Lindfield',
          seriousOrCritical: true,
          urgency: 'urgent' as const,
          communities: 'Black Caribbean community in Brixton; young people; faith leaders',
          location: 'Brixton',
          neededFrom: todayInLondon(new Date()),
          submittedAt: minutesAgo(40),
        },
        {
          requestedBy: requester,
          subject: 'Stop and search briefing for new officers',
          details:
            'We are revising the briefing given to officers joining the borough and would like an advisor to review it and sit in on one session.',
          seriousOrCritical: false,
          urgency: 'routine' as const,
          communities: 'Experience of being stopped and searched; young Black men',
          experienceNeeded: ['stop_and_search' as const, 'youth' as const],
          location: 'Lambeth police station',
          neededFrom: addCalendarDays(todayInLondon(new Date()), 21),
          submittedAt: minutesAgo(3 * 24 * 60),
        },
      ])
      .returning();
    await tx.insert(adviceRequestEvents).values(
      waiting.map((r) => ({
        requestId: r.id,
        kind: 'submitted' as const,
        at: r.submittedAt,
        actorUserId: requester,
        text: `${r.urgency === 'urgent' ? 'Urgent' : 'Routine'} request sent to the strategic engagement team (CTSET) for triage`,
      })),
    );
    // Two borough commanders, who are told when a corporate IAG recruits (IAG-17).
    for (const [code, borough] of [
      ['E09000007', 'Camden'],
      ['E09000012', 'Hackney'],
    ] as const) {
      // Inside the transaction, always the transaction: PGlite has one connection (ADR 0003).
      const [row] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.code, code));
      const organisationId = row?.id;
      if (organisationId)
        await tx.insert(people).values({
          fullName: `Chief Superintendent ${borough === 'Camden' ? 'Kim Ashdown' : 'Lee Marsh'}`,
          jobTitle: 'Borough Commander',
          organisationId,
          email: `commander.${borough.toLowerCase()}@${DEMO_DOMAIN}`,
        });
    }
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'demo-data.loaded',
      recordType: 'demo-data',
      recordId: DEMO_DOMAIN,
      after: { users: DEMO_ACCOUNTS.length, organisations: DEMO_ORGANISATIONS.length },
    });
  });
}

/**
 * The demo corporate IAG: its last meeting and its next, a chair elected a year ago, a member whose first term ends in three
 * months (to agree a second term), one in a second term (a third is refused), and a deployment
 * contact. Dates are relative to today so the demo stays current.
 */
async function loadDemoGroup(
  tx: Executor,
  groupId: string | undefined,
  personIds: Map<Role, string>,
  userIds: Map<Role, string>,
): Promise<void> {
  if (!groupId) return;
  const today = todayInLondon(new Date());
  const monthsAgo = (n: number) => addCalendarMonths(today, -n);
  const extra = await tx
    .insert(people)
    .values([
      {
        fullName: 'Priya Shah',
        jobTitle: 'Independent advisor',
        email: `priya.shah@${DEMO_DOMAIN}`,
      },
      {
        fullName: 'Jordan Okafor',
        jobTitle: 'Independent advisor',
        email: `jordan.okafor@${DEMO_DOMAIN}`,
      },
    ])
    .returning({ id: people.id });
  const [priya, jordan] = [extra[0]!.id, extra[1]!.id];
  const chair = personIds.get('chair')!;
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
    appointment(personIds.get('advisor')!, monthsAgo(45), true),
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
    .set({ deploymentContactId: personIds.get('deployment_contact')! })
    .where(eq(advisoryGroups.id, groupId));
  // What the advisors bring, so nomination has experience to match (IAG-10).
  await tx.insert(advisorProfiles).values([
    { personId: chair, experience: ['race', 'faith', 'critical_incidents'], updatedAt: new Date() },
    {
      personId: personIds.get('advisor')!,
      experience: ['race', 'youth', 'stop_and_search'],
      updatedAt: new Date(),
    },
    { personId: jordan, experience: ['youth', 'mental_health'], updatedAt: new Date() },
  ]);

  // A meeting held four months ago, with its agenda and attendance, and the next one in three
  // weeks: one item accepted, one waiting for the chair, the agenda not yet published.
  const coordinator = userIds.get('coordination_unit')!;
  const advisor = personIds.get('advisor')!;
  const [held, next] = await tx
    .insert(meetings)
    .values(
      [
        { day: monthsAgo(4), status: 'held' as const, format: 'in_person' as const },
        {
          day: addCalendarDays(today, 21),
          status: 'scheduled' as const,
          format: 'hybrid' as const,
        },
      ].map((m) => ({
        bodyType: 'advisory_group' as const,
        bodyId: groupId,
        title: 'Race Independent Advisory Group full meeting',
        startsAt: londonInstant(m.day, 18 * 60),
        endsAt: londonInstant(m.day, 20 * 60),
        format: m.format,
        status: m.status,
        venue: 'Empress State Building, Lillie Road, London SW6',
        accessNotes:
          'Step-free entrance on Lillie Road; hearing loop in the meeting room; advisors are met at reception.',
        joiningDetails:
          m.format === 'hybrid' ? 'A Teams link is sent to members the week before.' : null,
        agendaPublishedAt:
          m.status === 'held' ? londonInstant(addCalendarDays(m.day, -7), 9 * 60) : null,
        attendanceRecordedAt: m.status === 'held' ? londonInstant(m.day, 21 * 60) : null,
        createdBy: coordinator,
      })),
    )
    .returning({ id: meetings.id });
  const item = (
    meetingId: string,
    position: number,
    title: string,
    tabledBy: string,
    tabledAs: 'member' | 'chair',
    status: 'accepted' | 'proposed',
  ) => ({ meetingId, position, title, tabledByPersonId: tabledBy, tabledAs, status });
  await tx
    .insert(agendaItems)
    .values([
      item(
        held!.id,
        1,
        'Stop and search monitoring for the last quarter',
        advisor,
        'member',
        'accepted',
      ),
      item(held!.id, 2, 'Recruitment of new members', chair, 'chair', 'accepted'),
      item(
        next!.id,
        1,
        'Community tension monitoring after the summer',
        chair,
        'chair',
        'accepted',
      ),
      item(next!.id, 2, 'Use of dispersal orders in town centres', advisor, 'member', 'proposed'),
    ]);
  await tx.insert(meetingAttendance).values(
    [chair, advisor, jordan, priya].map((personId) => ({
      meetingId: held!.id,
      personId,
      kind: 'member' as const,
      status: personId === priya ? ('apologies' as const) : ('present' as const),
      recordedBy: coordinator,
    })),
  );
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
