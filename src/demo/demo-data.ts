/**
 * The demonstration dataset: one account for every role, each with an entry in the directory,
 * and a few partner and community organisations. Never loaded when BRIDGE_DEMO=false. Each
 * module loads and removes its own part through its face (its `demo.ts`, ADR 0014); this file
 * keeps the accounts (the platform's users and roles) and runs the parts in order, handing each
 * the ids it needs from the parts before it.
 */
import { randomBytes } from 'node:crypto';
import { eq, inArray, like } from 'drizzle-orm';
import { recordAudit } from '../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Role } from '../platform/auth/roles.js';
import { apiTokens, roleAssignments, users } from '../platform/auth/schema.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { SecretBox } from '../platform/auth/secret-box.js';
import { todayInLondon } from '../platform/calendar/index.js';
import type { Db } from '../platform/db/database.js';
import {
  demoAdviceRequestIds,
  loadDemoAdviceRequests,
  loadDemoAdvisorProfiles,
  removeDemoAdviceRequests,
  removeDemoDeployments,
} from '../modules/advice/index.js';
import {
  DEMO_ORGANISATION_COUNT,
  demoOrganisationIds,
  demoOrganisationsAndPeople,
  demoPersonIds,
  loadDemoAccountPeople,
  loadDemoAdvisors,
  loadDemoPeople,
  loadDemoBoroughCommanders,
  loadDemoOrganisations,
  removeDemoOrganisations,
  removeDemoPeople,
} from '../modules/directory/index.js';
import {
  DEMO_VISITOR_PEOPLE,
  loadCustodyVisitingDemo,
  loadCustodyRotaDemo,
  loadCustodyVisitorsDemo,
  removeCustodyVisitingDemo,
} from '../modules/custody-visiting/index.js';
import {
  DEMO_BOARD_POLICE_PEOPLE,
  loadConsultationBoardDemo,
  loadProgrammeDemo,
  removeConsultationBoardDemo,
  removeProgrammeDemo,
  loadConsultationsDemo,
  removeConsultationsDemo,
  loadRespondingDemo,
  removeRespondingDemo,
  loadConsultationOutcomesDemo,
  removeConsultationOutcomesDemo,
  DEMO_PANEL_BOROUGHS,
  loadConsultationPanelDemo,
  removeConsultationPanelDemo,
  DEMO_CONSULTEE_BOROUGHS,
  loadConsulteesDemo,
  removeConsulteesDemo,
} from '../modules/consultation/index.js';
import { removeDemoExpenses } from '../modules/expenses/index.js';
import {
  DEMO_MEETING_BODIES,
  demoGroupId,
  loadGroupsDemo,
  removeGroupsDemo,
} from '../modules/groups/index.js';
import {
  loadDemoBodyMeetings,
  loadDemoPanelMeetings,
  loadDemoGroupMeetings,
  removeDemoMeetingRecords,
} from '../modules/meetings/index.js';
import {
  PARTNERSHIP_DEMO_BOROUGHS,
  loadPartnershipsDemo,
  removePartnershipsDemo,
} from '../modules/partnerships/index.js';
import { loadEngagementDemo, removeEngagementDemo } from '../modules/engagement/index.js';
import { loadGrantsDemo, removeGrantsDemo } from '../modules/grants/index.js';
import { removeDemoTrackerNames, removeDemoTrackerSources } from '../modules/tracker/index.js';
import {
  DEMO_TRAINING_BOROUGHS,
  DEMO_TRAINING_PEOPLE,
  loadTrainingDemo,
  removeTrainingDemo,
} from '../modules/training/index.js';
import {
  DEMO_GOOD_PRACTICE_BOROUGHS,
  loadGoodPracticeDemo,
  removeGoodPracticeDemo,
} from '../modules/good-practice/index.js';
import {
  DEMO_INDICATOR_ORGANISATIONS,
  loadIndicatorsDemo,
  removeIndicatorsDemo,
} from '../modules/indicators/index.js';
import { loadWorkforceDemo, removeWorkforceDemo } from '../modules/workforce/index.js';
import { loadFoiDemo, removeFoiDemo } from '../modules/foi/index.js';
import {
  loadInformationRightsDemo,
  removeInformationRightsDemo,
} from '../modules/information-rights/index.js';

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
  /** Custody visiting: held for the demo Camden panel, or for its suites (given once made). */
  custody?: 'panel' | 'suites';
  /** Held for the demo Camden engagement group (given once made). */
  engagement?: true;
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
  {
    email: `scheme@${DEMO_DOMAIN}`,
    name: 'Sian Scheme',
    role: 'scheme_manager',
    jobTitle: 'Custody visiting scheme manager',
    organisation: 'authority',
  },
  {
    email: `panel@${DEMO_DOMAIN}`,
    name: 'Pip Panel',
    role: 'panel_coordinator',
    jobTitle: 'Coordinator, Camden custody visiting panel',
    organisation: '',
    custody: 'panel',
  },
  {
    email: `custody@${DEMO_DOMAIN}`,
    name: 'Inspector Kit Custody',
    role: 'custody_inspector',
    jobTitle: 'Custody inspector, Camden',
    organisation: 'E09000007',
    custody: 'suites',
  },
  {
    email: `engagement@${DEMO_DOMAIN}`,
    name: 'Eli Engagement',
    role: 'engagement_officer',
    jobTitle: 'Chair, Camden Community and Police Engagement Group',
    organisation: '',
    engagement: true,
  },
];

/** Removes the demonstration dataset, leaving reference data and everything else alone. */
export async function removeDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const ids = (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(like(users.email, `%@${DEMO_DOMAIN}`))
    ).map((u) => u.id);
    const demoPeople = await demoPersonIds(tx, DEMO_DOMAIN, ids);
    // Each module's records before the people and accounts they name, in this order; the
    // consultations before the meetings, whose minutes approved and reviewed them.
    await removeProgrammeDemo(tx, demoPeople);
    await removeConsultationBoardDemo(tx, demoPeople);
    await removeConsultationsDemo(tx, ids);
    await removeRespondingDemo(tx, ids);
    await removeConsultationPanelDemo(tx, DEMO_DOMAIN);
    await removeConsulteesDemo(tx);
    await removeDemoTrackerSources(tx, await removeConsultationOutcomesDemo(tx));
    await removeDemoMeetingRecords(tx, ids, demoPeople, await demoAdviceRequestIds(tx, ids));
    await removeDemoDeployments(tx, ids, demoPeople);
    await removeDemoExpenses(tx, ids, demoPeople);
    await removeCustodyVisitingDemo(tx, demoPeople);
    await removeTrainingDemo(tx, ids, demoPeople);
    await removeGoodPracticeDemo(tx, ids, demoPeople);
    await removeIndicatorsDemo(tx, ids);
    await removeWorkforceDemo(tx, ids);
    await removeFoiDemo(tx, ids);
    await removeInformationRightsDemo(tx, ids, demoPeople);
    await removePartnershipsDemo(tx, demoPeople);
    // The grants before the engagement groups their applications name.
    await removeGrantsDemo(tx, ids);
    await removeEngagementDemo(tx, demoPeople);
    await removeDemoTrackerNames(tx, ids, await demoOrganisationsAndPeople(tx, demoPeople));
    await removeDemoAdviceRequests(tx, ids);
    await removeGroupsDemo(tx, demoPeople);
    await removeDemoPeople(tx, demoPeople, ids);
    if (ids.length) {
      await tx.delete(apiTokens).where(inArray(apiTokens.createdBy, ids));
      await tx.delete(users).where(inArray(users.id, ids));
    }
    const organisations = await removeDemoOrganisations(tx);
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'demo-data.removed',
      recordType: 'demo-data',
      recordId: DEMO_DOMAIN,
      before: { users: ids.length, organisations },
    });
  });
}

export async function demoDataPresent(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_ACCOUNTS[0]!.email));
  return row !== undefined;
}

/** Loads the demonstration dataset. Reference data must already be loaded. */
export async function loadDemoData(
  db: Db,
  secretBox: SecretBox,
  /** Bridge's secret, which the demo panel members' leave links are keyed with. */
  secret: string = randomBytes(32).toString('hex'),
): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgIds = await demoOrganisationIds(
    db,
    DEMO_ACCOUNTS.map((a) => a.organisation).filter(Boolean),
  );
  const groupId = await demoGroupId(db, DEMO_GROUP);
  const consulteeBoroughs = await demoOrganisationIds(db, Object.values(DEMO_CONSULTEE_BOROUGHS));
  const partnershipBoroughs = await demoOrganisationIds(
    db,
    PARTNERSHIP_DEMO_BOROUGHS.map((b) => b.code),
  );
  await db.transaction(async (tx) => {
    for (const [code, id] of await loadDemoOrganisations(tx)) orgIds.set(code, id);
    const userIds = new Map<Role, string>();
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
          ? { type: 'group' as const, id: account.group === DEMO_GROUP ? groupId : undefined }
          : undefined;
      // A custody visiting or engagement group role is given below, once its body is made.
      if (!account.custody && !account.engagement)
        await tx.insert(roleAssignments).values({
          userId: user!.id,
          role: account.role,
          scopeType: scope?.id ? scope.type : null,
          scopeId: scope?.id ?? null,
        });
      userIds.set(account.role, user!.id);
    }
    const accountPeople = await loadDemoAccountPeople(
      tx,
      DEMO_ACCOUNTS.map((account) => ({
        fullName: account.name,
        jobTitle: account.jobTitle,
        organisationId: account.organisation ? (orgIds.get(account.organisation) ?? null) : null,
        email: account.email,
        userId: userIds.get(account.role)!,
      })),
    );
    const personIds = new Map(DEMO_ACCOUNTS.map((a, i) => [a.role, accountPeople[i]!]));
    const today = todayInLondon(new Date());
    const coordinator = userIds.get('coordination_unit')!;
    // The demo corporate IAG: its members, its last meeting and its next.
    if (groupId) {
      const { priya, jordan } = await loadDemoAdvisors(tx, DEMO_DOMAIN);
      const chair = personIds.get('chair')!;
      const advisor = personIds.get('advisor')!;
      const deploymentContact = personIds.get('deployment_contact')!;
      await loadGroupsDemo(
        tx,
        groupId,
        { chair, advisor, deploymentContact, priya, jordan },
        today,
      );
      await loadDemoAdvisorProfiles(tx, { chair, advisor, jordan });
      await loadDemoGroupMeetings(
        tx,
        groupId,
        { coordinator, chair, advisor, priya, jordan },
        today,
      );
    }
    await loadDemoBodyMeetings(tx, DEMO_MEETING_BODIES, coordinator, today);
    await loadDemoAdviceRequests(tx, userIds.get('requester')!, today);
    await loadDemoBoroughCommanders(tx, DEMO_DOMAIN);
    // The Camden custody visiting panel, coordinated by the demo coordinator, and its suites,
    // which the demo custody inspector is inspector for.
    const custody = await loadCustodyVisitingDemo(tx, personIds.get('panel_coordinator')!);
    await tx.insert(roleAssignments).values([
      {
        userId: userIds.get('panel_coordinator')!,
        role: 'panel_coordinator',
        scopeType: 'panel',
        scopeId: custody.panelId,
      },
      ...custody.suiteIds.map((id) => ({
        userId: userIds.get('custody_inspector')!,
        role: 'custody_inspector' as const,
        scopeType: 'suite' as const,
        scopeId: id,
      })),
    ]);
    // ICV-02: the panel's last quarterly meeting with the custody inspector, minuted, and its next.
    await loadDemoPanelMeetings(
      tx,
      custody.panelId,
      {
        coordinatorUser: userIds.get('panel_coordinator')!,
        coordinator: personIds.get('panel_coordinator')!,
        inspector: personIds.get('custody_inspector')!,
      },
      today,
    );
    // Its six visitors, the demo lay visitor among them, at each stage (ICV-02).
    await loadCustodyVisitorsDemo(
      tx,
      custody.panelId,
      [
        personIds.get('lay_visitor')!,
        ...(await loadDemoPeople(tx, DEMO_DOMAIN, DEMO_VISITOR_PEOPLE)),
      ],
      today,
    );
    // ICV-03: the panel's rota for this quarter, drawn, its past visits made.
    await loadCustodyRotaDemo(tx, custody.panelId, today);
    // CON-02: this year's policing-plan consultation, its fieldwork slipped into August.
    await loadProgrammeDemo(
      tx,
      { officer: personIds.get('authority_officer')!, member: personIds.get('authority_member')! },
      today,
    );
    // CON-01: the consultation strategy board, chaired by the demo authority member, and its
    // meetings, supported by the demo authority officer.
    const officerUser = userIds.get('authority_officer')!;
    const boardMinutes = await loadConsultationBoardDemo(
      tx,
      {
        authorityChair: personIds.get('authority_member')!,
        authorityMember: personIds.get('authority_officer')!,
        police: await loadDemoPeople(tx, DEMO_DOMAIN, DEMO_BOARD_POLICE_PEOPLE),
      },
      officerUser,
      today,
    );
    // Issue 25: the policing priorities, approved by the board and open, and a major draft
    // awaiting the board's next meeting.
    const demoConsultations = await loadConsultationsDemo(
      tx,
      officerUser,
      today,
      boardMinutes.approval,
    );
    // Issue 25: consultations the public answers, one open with a burst, one closed.
    await loadRespondingDemo(tx, officerUser, today);
    // CON-07: the closed consultation on stop and account, reviewed by the board, and its "you
    // said, we did", its promised change in the tracker.
    await loadConsultationOutcomesDemo(tx, today, {
      review: boardMinutes.review,
      officer: {
        userId: officerUser,
        name: DEMO_ACCOUNTS.find((a) => a.role === 'authority_officer')!.name,
      },
    });
    // CON-06: the citizens' panel's members, and a wave sent to a balanced sample of them.
    await loadConsultationPanelDemo(tx, {
      boroughIds: await demoOrganisationIds(tx, DEMO_PANEL_BOROUGHS),
      secret,
      domain: DEMO_DOMAIN,
      today,
    });
    // CON-03: the consultee database: an umbrella body and its members, faith groups, businesses;
    // two in Camden chosen for the draft on neighbourhood policing there.
    await loadConsulteesDemo(tx, consulteeBoroughs, today, {
      consultationId: demoConsultations.neighbourhood,
      chosenBy: officerUser,
    });
    // CDRP-11, IAG-34: partnership and coordination courses, their sessions and who attended, and
    // training needs met, open and overdue.
    await loadTrainingDemo(
      tx,
      {
        coordinatorUser: coordinator,
        coordinator: personIds.get('coordination_unit')!,
        partnership: personIds.get('partnership_officer')!,
        requester: personIds.get('requester')!,
        ctset: personIds.get('ctset')!,
        others: await loadDemoPeople(tx, DEMO_DOMAIN, DEMO_TRAINING_PEOPLE),
      },
      await demoOrganisationIds(tx, DEMO_TRAINING_BOROUGHS),
      today,
    );
    // CDRP-08: the good-practice library, some entries public, one withdrawn, one not published.
    await loadGoodPracticeDemo(
      tx,
      {
        officerUser,
        partnershipUser: userIds.get('partnership_officer')!,
        partnership: personIds.get('partnership_officer')!,
      },
      await demoOrganisationIds(tx, DEMO_GOOD_PRACTICE_BOROUGHS),
      new Date(),
    );
    // CON-01, CDRP-10, ICV-10: two indicators with a year of figures and their targets.
    await loadIndicatorsDemo(
      tx,
      officerUser,
      await demoOrganisationIds(tx, DEMO_INDICATOR_ORGANISATIONS),
      today,
      new Date(),
    );
    // LEG-04: six years of the workforce's headcounts, 2006 to 2011 (illustrative, from the seed).
    await loadWorkforceDemo(tx, officerUser, new Date());
    // FOI-01: two Freedom of Information requests, one answered and in the disclosure log.
    await loadFoiDemo(tx, userIds.get('coordination_unit')!, today);
    // Issue 28 part 5: a correction agreed and awaiting the corrections, an erasure refused.
    await loadInformationRightsDemo(
      tx,
      {
        coordinatorUser: userIds.get('coordination_unit')!,
        correctPerson: personIds.get('advisor')!,
        erasePerson: personIds.get('lay_visitor')!,
      },
      today,
    );
    // CDRP-01, CDRP-10, CDRP-15: the partnerships register for the 33 London boroughs.
    await loadPartnershipsDemo(tx, partnershipBoroughs, DEMO_DOMAIN, today);
    // CON-04: Camden's engagement group, chaired by the demo engagement group officer.
    const engagement = await loadEngagementDemo(
      tx,
      {
        chair: personIds.get('engagement_officer')!,
        officerUser: userIds.get('engagement_officer')!,
        authorityUser: userIds.get('authority_officer')!,
      },
      orgIds.get('E09000007')!,
      today,
    );
    await tx.insert(roleAssignments).values({
      userId: userIds.get('engagement_officer')!,
      role: 'engagement_officer',
      scopeType: 'engagement_group',
      scopeId: engagement.camdenGroupId,
    });
    // CON-04, CON-05, LEG-06, CDRP-12: the funds, a round open now and one closed last year,
    // Camden's engagement group's draft application in the open round, and last year's grant to
    // the group, assessed, awarded, paid in part, monitored (a return late) and evaluated.
    await loadGrantsDemo(
      tx,
      {
        officerUser,
        engagementUser: userIds.get('engagement_officer')!,
        assessorUser: userIds.get('authority_member')!,
      },
      // The group's name as loadEngagementDemo gives it.
      {
        groupId: engagement.camdenGroupId,
        groupName: 'Camden Community and Police Engagement Group',
        boroughId: orgIds.get('E09000007')!,
      },
      today,
    );
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'demo-data.loaded',
      recordType: 'demo-data',
      recordId: DEMO_DOMAIN,
      after: { users: DEMO_ACCOUNTS.length, organisations: DEMO_ORGANISATION_COUNT },
    });
  });
}
