/**
 * DP-02: what Bridge holds about a person comes from every module, with the values the person
 * would recognise, and nobody else's records.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { people } from '../../src/modules/directory/schema.js';
import { memberships } from '../../src/modules/groups/schema.js';
import { buildServices } from '../../src/app.js';
import type { BridgeModule, PersonDataSubject } from '../../src/platform/modules.js';
import { collectPersonData, type ModulePersonData } from '../../src/platform/person-data.js';
import { createTestApp, dateFields, groupIdByCode, principalFor, type TestApp } from '../app.js';
import type { FactoryAccount } from '../factories/accounts.js';
import {
  makeAdviceRequest,
  makeDeploymentContact,
  nominateAdvisors,
  routeRequest,
  setExperience,
} from '../factories/advice.js';
import { makeExpenseClaim } from '../factories/expenses.js';
import { makeMember } from '../factories/groups.js';
import { makeMeeting, recordAttendance, staffPrincipal } from '../factories/meetings.js';
import { makeTrackerSource } from '../factories/tracker.js';
import {
  custodyAvailability,
  custodyRotaRounds,
  custodyVisits,
} from '../../src/modules/custody-visiting/schema.js';
import { APPOINTED, makePanel, makeSuite, makeVisitor } from '../factories/custody-visiting.js';
import {
  makeCourse,
  makeSession,
  recordAttendance as recordTrainingAttendance,
} from '../factories/training.js';
import { trainingNeeds } from '../../src/modules/training/schema.js';
import {
  consultationBoardMembers,
  consultationBoards,
} from '../../src/modules/consultation/board/schema.js';
import { partnerships } from '../../src/modules/partnerships/schema.js';
import { goodPracticeEntries } from '../../src/modules/good-practice/schema.js';
import { grantApplications, grantAssessments } from '../../src/modules/grants/schema.js';
import {
  engagementAssessments,
  engagementGroups,
  engagementIssues,
  engagementStandards,
} from '../../src/modules/engagement/schema.js';
import { makeApplication, makeEngagementGroup, makeFund, makeRound } from '../factories/grants.js';
import { makeBorough, makePerson } from '../factories/directory.js';
import {
  consultationProgrammeStages,
  consultationProgrammes,
} from '../../src/modules/consultation/programmes/schema.js';

let t: TestApp;
let modules: readonly BridgeModule[];
let race: string;
/** Two members of the Race IAG: the person asked about, and another. */
let avery: FactoryAccount;
let jordan: FactoryAccount;
const subject = (a: FactoryAccount): PersonDataSubject => ({
  personId: a.personId,
  userId: a.userId,
});

before(async () => {
  // No demo data: the file makes the people and records it reads. The IAGs are reference data.
  t = await createTestApp({ demo: false });
  // The same modules the application is built from, on the same database.
  modules = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  }).modules;
  race = await groupIdByCode(t, 'iag-race');
  avery = await makeMember(t, race, { name: 'Avery Advisor', startsOn: '2026-10-01' });
  jordan = await makeMember(t, race, { name: 'Jordan Okafor', startsOn: '2026-10-01' });
});
after(() => t.close());

const section = (found: ModulePersonData[], module: string, title: string) => {
  const part = found.find((m) => m.module === module);
  const rows = part?.sections.find((s) => s.title === title)?.rows;
  assert.ok(rows, `${module} has a section "${title}"`);
  return rows;
};

test('DP-02: every module gives its records about the person, and nobody else’s', async () => {
  const unit = await staffPrincipal(t, 'coordination_unit');
  const disability = await groupIdByCode(t, 'iag-disability');

  // A membership: Avery is appointed to the Disability IAG.
  await t.services.groups.appoint(unit, disability, {
    personId: avery.personId,
    'startsOn-day': '1',
    'startsOn-month': '11',
    'startsOn-year': '2026',
  });

  // A meeting's attendance: Avery present, everyone else (Jordan too) with apologies.
  const held = await makeMeeting(t, race, {
    title: 'Race IAG meeting on stop and search',
    date: '2026-11-09',
  });
  await recordAttendance(t, held.id, { [avery.personId]: 'present' }, 'apologies');

  // A deployment: Avery nominated for a request routed to the Race IAG.
  const contact = await makeDeploymentContact(t, race);
  const request = await makeAdviceRequest(t);
  await routeRequest(t, request.id, race);
  await nominateAdvisors(t, contact, request.id, race, [avery.personId], 'Knows the area');

  // An expense claim: Avery's fare to the meeting.
  const claim = await makeExpenseClaim(t, avery, {
    occasion: `meeting:${held.id}`,
    costs: [{ incurredOn: '2026-11-09', description: 'Train to Lambeth', amount: '12.40' }],
  });

  const found = await collectPersonData(modules, t.services.db, subject(avery));
  assert.deepEqual(
    found.map((m) => m.module),
    [
      'directory',
      'groups',
      'meetings',
      'advice',
      'expenses',
      'tracker',
      'custody-visiting',
      'consultation',
      'partnerships',
      'training',
      'engagement',
      'grants',
      'good-practice',
      'indicators',
      'information-rights',
    ],
  );
  assert.equal(section(found, 'directory', 'Directory entry')[0]!['Full name'], 'Avery Advisor');
  assert.ok(
    section(found, 'groups', 'Memberships of advisory groups').some(
      (m) =>
        m.Group === 'Disability Independent Advisory Group' &&
        m['Starts on'] === '2026-11-01' &&
        m.Status === 'current',
    ),
  );
  assert.deepEqual(
    section(found, 'meetings', 'Meetings attended').filter(
      (a) => a.Meeting === 'Race IAG meeting on stop and search',
    ),
    [
      {
        Meeting: 'Race IAG meeting on stop and search',
        'Starts at': '2026-11-09T18:00:00.000Z',
        'Attended as': 'member',
        Attendance: 'present',
        Capacity: null,
        'Recorded at': t.clock.now().toISOString(),
      },
    ],
  );
  const deployment = section(found, 'advice', 'Nominations and deployments').find(
    (d) => d.Request === request.reference,
  );
  assert.equal(deployment?.Group, 'Race Independent Advisory Group');
  assert.equal(deployment?.Status, 'nominated');
  assert.equal(deployment?.['Deployed on'], '2026-12-07');
  assert.equal(deployment?.['Reason for nominating'], 'Knows the area');
  const claimed = section(found, 'expenses', 'Expense claims').find(
    (c) => c.Claim === claim.reference,
  );
  assert.equal(claimed?.Group, 'Race Independent Advisory Group');
  assert.equal(claimed?.['Claimed (pence)'], 1240);
  assert.deepEqual(
    section(found, 'expenses', 'Items claimed')
      .filter((i) => i.Claim === claim.reference)
      .map((i) => [i['Incurred on'], i.Description, i['Claimed (pence)'], i.Receipt]),
    [['2026-11-09', 'Train to Lambeth', 1240, null]],
  );

  // Jordan's answer holds Jordan's records, and none of Avery's.
  const others = await collectPersonData(modules, t.services.db, subject(jordan));
  assert.equal(section(others, 'directory', 'Directory entry')[0]!['Full name'], 'Jordan Okafor');
  assert.ok(
    !section(others, 'groups', 'Memberships of advisory groups').some(
      (m) => m.Group === 'Disability Independent Advisory Group' && m['Starts on'] === '2026-11-01',
    ),
  );
  assert.deepEqual(
    section(others, 'meetings', 'Meetings attended')
      .filter((a) => a.Meeting === 'Race IAG meeting on stop and search')
      .map((a) => a.Attendance),
    ['apologies'],
  );
  assert.ok(
    !section(others, 'advice', 'Nominations and deployments').some(
      (d) => d.Request === request.reference,
    ),
  );
  assert.ok(
    !section(others, 'expenses', 'Expense claims').some((c) => c.Claim === claim.reference),
  );
});

/**
 * The whole answer, word for word: every module's every section, its title, its columns in
 * order and every value, for a person with records in every module. A change to how a section
 * is gathered must leave what the person reads as it was.
 */
test('DP-02: the whole answer for a person with records in every module, word for word', async () => {
  const unit = await staffPrincipal(t, 'coordination_unit');
  const disability = await groupIdByCode(t, 'iag-disability');
  const casey = await makeMember(t, disability, { name: 'Casey Whole', startsOn: '2026-10-05' });

  // Groups: a term (above), an election stood in and won, and Casey the Disability IAG's
  // deployment contact.
  await t.services.groups.recordElection(unit, disability, {
    ...dateFields('heldOn', '2026-10-20'),
    adjudicatorName: 'Ruth Mensah',
    agreedByChairs: 'The chairs',
    agreedByPolice: 'Chris Coordinator',
    candidates: [casey.personId],
    elected: [casey.personId],
  });
  await t.services.groups.setDeploymentContact(unit, disability, { personId: casey.personId });

  // Meetings: Casey present at one, and a calendar feed of them.
  await t.services.meetingFeeds.create(await principalFor(t, casey.email));
  const held = await makeMeeting(t, disability, {
    title: 'Disability IAG meeting on access',
    date: '2026-11-16',
  });
  await recordAttendance(t, held.id, { [casey.personId]: 'present' }, 'apologies');

  // Advice: Casey's experience, and Casey nominated for a request routed to the Disability IAG.
  await setExperience(t, casey, ['youth', 'mental_health']);
  const request = await makeAdviceRequest(t);
  await routeRequest(t, request.id, disability);
  await nominateAdvisors(t, casey, request.id, disability, [casey.personId], 'Lives nearby');

  // Expenses: Casey's fare to the meeting.
  const claim = await makeExpenseClaim(t, casey, {
    occasion: `meeting:${held.id}`,
    costs: [{ incurredOn: '2026-11-16', description: 'Bus to Hackney', amount: '3.50' }],
  });

  // Tracker: Casey leads a key point and owns its action.
  await makeTrackerSource(t, [
    {
      source_title: 'Access to police stations review',
      source_kind: 'review',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: 'Make every front counter accessible',
      key_point: 'Counters audited',
      key_point_lead: casey.email,
      action: 'Audit the counters',
      action_owner: casey.email,
      due_on: '2027-02-28',
      result: 'ongoing',
    },
  ]);

  // Custody visiting: Casey coordinates a panel.
  await makePanel(t, {
    name: 'Hackney custody visiting panel',
    area: 'Hackney',
    coordinatorId: casey.personId,
  });
  // And is a lay visitor of another panel, appointed, with their induction course (ICV-02).
  const islington = await makePanel(t, {
    name: 'Islington custody visiting panel',
    area: 'Islington',
  });
  const caseyVisitor = await makeVisitor(t, islington, {
    person: { id: casey.personId, fullName: 'Casey' },
    stage: APPOINTED,
    inducted: true,
  });
  // ICV-03: the availability they gave for a quarter, and a visit on the rota with a partner.
  const [round] = await t.services.db
    .insert(custodyRotaRounds)
    .values({ panelId: islington.id, quarterStart: '2027-01-01' })
    .returning();
  await t.services.db.insert(custodyAvailability).values({
    roundId: round!.id,
    visitorId: caseyVisitor.id,
    unavailableWeeks: ['2027-01-04', '2027-01-11'],
    note: 'Evenings',
  });
  const partner = await makeVisitor(t, islington, { stage: APPOINTED, inducted: true });
  const islingtonSuite = await makeSuite(t, { area: 'Islington', name: 'Islington suite' });
  await t.services.db.insert(custodyVisits).values({
    panelId: islington.id,
    suiteId: islingtonSuite.id,
    quarterStart: '2027-01-01',
    weekStarting: '2027-01-18',
    firstVisitorId: partner.id,
    secondVisitorId: caseyVisitor.id,
  });

  // Consultation: Casey sits on the strategy board for the police (CON-01) and owns the
  // fieldwork stage of a policing-plan programme (CON-02).
  const [board] = await t.services.db
    .insert(consultationBoards)
    .values({ name: 'Consultation strategy board', remit: 'Oversees consultation' })
    .returning();
  await t.services.db.insert(consultationBoardMembers).values({
    boardId: board!.id,
    personId: casey.personId,
    side: 'police',
    role: 'member',
    fromOn: '2026-09-01',
  });
  const [programme] = await t.services.db
    .insert(consultationProgrammes)
    .values({ title: 'Policing plan 2027/28 consultation', planYear: 2027 })
    .returning();
  await t.services.db.insert(consultationProgrammeStages).values({
    programmeId: programme!.id,
    position: 3,
    name: 'Consultation programme carried out',
    ownerId: casey.personId,
    plannedStart: '2027-06-01',
    plannedEnd: '2027-06-30',
    fieldwork: true,
  });

  // Training (CDRP-11, IAG-34): Casey attended a partnership course and has a need recorded.
  const course = await makeCourse(t, { title: 'Working in Partnership' });
  const trainingSession = await makeSession(t, course.id, {
    heldOn: '2026-10-06',
    place: 'Hackney Service Centre',
  });
  await recordTrainingAttendance(t, trainingSession.id, casey.personId);
  await t.services.db.insert(trainingNeeds).values({
    area: 'partnership',
    personId: casey.personId,
    courseId: course.id,
    raisedOn: '2026-09-01',
    dueBy: '2026-12-31',
    notes: 'New to the partnership team',
  });

  // Partnerships: Casey is a borough's nominated officer, and last confirmed its entry (CDRP-01).
  const deputy = await makePerson(t, { fullName: 'Dee Puty' });
  await t.services.db.insert(partnerships).values({
    boroughId: (await makeBorough(t, { name: 'Casey borough' })).id,
    name: 'Casey borough Community Safety Partnership',
    officerId: casey.personId,
    officerRank: 'inspector',
    deputyId: deputy.id,
    deputyRank: 'superintendent',
    confirmedAt: new Date('2026-11-20T10:00:00Z'),
    confirmedBy: casey.userId,
  });

  // Engagement groups (CON-04): Casey chairs a group, raised an issue for it and assessed it.
  const group = await makeEngagementGroup(t, {
    name: 'Casey Community and Police Engagement Group',
  });
  await t.services.db
    .update(engagementGroups)
    .set({ chairId: casey.personId, constitutionAdoptedOn: '2024-05-14' })
    .where(eq(engagementGroups.id, group.id));
  await t.services.db.insert(engagementIssues).values({
    groupId: group.id,
    raisedOn: '2026-11-02',
    raisedBy: casey.userId,
    raisedTo: 'police',
    issue: 'Street lighting on the estate',
    wanted: 'A survey with the council',
  });
  const [standard] = await t.services.db
    .select()
    .from(engagementStandards)
    .where(eq(engagementStandards.code, 'MS3'));
  await t.services.db.insert(engagementAssessments).values({
    groupId: group.id,
    standardId: standard!.id,
    standing: 'met',
    evidence: 'Constitution seen',
    assessedOn: '2026-11-03',
    assessedBy: casey.userId,
  });

  // Good practice (CDRP-08): Casey is the contact for one entry and recorded another.
  await t.services.db.insert(goodPracticeEntries).values([
    {
      title: 'Youth forum with the commander',
      summary: 'Quarterly meetings',
      theme: 'youth',
      contactId: casey.personId,
      recordedAt: new Date('2026-10-01T09:00:00Z'),
      publishedAt: new Date('2026-10-08T09:00:00Z'),
    },
    {
      title: 'Joint tasking',
      summary: 'Weekly meetings',
      theme: 'partnership-working',
      recordedBy: casey.userId,
      recordedAt: new Date('2026-10-02T09:00:00Z'),
    },
  ]);

  // Grants (CON-04): Casey assessed an application, sending scores, and recorded the panel's
  // decision on another; monitoring holds nothing of theirs.
  const grantRound = await makeRound(t, (await makeFund(t)).id);
  const assessed = await makeApplication(t, grantRound.id, { projectTitle: 'Casey youth panel' });
  await t.services.db.insert(grantAssessments).values({
    applicationId: assessed.id,
    assessorId: casey.userId,
    comments: 'Strong outreach',
    submittedAt: new Date('2026-11-02T10:00:00Z'),
    createdAt: new Date('2026-11-01T10:00:00Z'),
  });
  const decided = await makeApplication(t, grantRound.id, { projectTitle: 'Casey street walks' });
  await t.services.db
    .update(grantApplications)
    .set({
      status: 'declined',
      // Casey began it too, for their group.
      createdBy: casey.userId,
      applicantName: 'Casey Community and Police Engagement Group',
      decidedAt: new Date('2026-11-15T10:00:00Z'),
      decidedBy: casey.userId,
      panel: 'Grants panel',
      decisionReason: 'Outside the fund',
    })
    .where(eq(grantApplications.id, decided.id));

  const found = await collectPersonData(modules, t.services.db, subject(casey));
  // What the database stamped at its own time (not the app's clock), read back as it is.
  const [entry] = await t.services.db
    .select({ createdAt: people.createdAt, updatedAt: people.updatedAt })
    .from(people)
    .where(eq(people.id, casey.personId));
  const [term] = await t.services.db
    .select({ createdAt: memberships.createdAt })
    .from(memberships)
    .where(eq(memberships.personId, casey.personId));
  assert.ok(entry && term);
  const now = t.clock.now().toISOString();
  // Compared as text, so the sections' and the columns' order counts too.
  const expected: ModulePersonData[] = [
    {
      module: 'directory',
      sections: [
        {
          title: 'Directory entry',
          rows: [
            {
              'Full name': 'Casey Whole',
              'Job title': null,
              Organisation: null,
              'E-mail address': casey.email,
              Phone: null,
              Address: null,
              Notes: null,
              'Has a user account': true,
              'Archived at': null,
              'Added at': entry.createdAt.toISOString(),
              'Last changed at': entry.updatedAt.toISOString(),
            },
          ],
          identifying: ['Full name', 'E-mail address', 'Phone', 'Address'],
        },
      ],
    },
    {
      module: 'groups',
      sections: [
        {
          title: 'Memberships of advisory groups',
          rows: [
            {
              Group: 'Disability Independent Advisory Group',
              Term: 1,
              'Starts on': '2026-10-05',
              'Ends on': '2030-10-05',
              Status: 'current',
              'Left on': null,
              'Reason for leaving': null,
              'Name published': false,
              'Recorded at': term.createdAt.toISOString(),
            },
          ],
        },
        {
          title: 'Second terms',
          rows: [],
        },
        {
          title: 'Applications to join a group',
          rows: [],
          identifying: ['Full name', 'E-mail address', 'Phone', 'Date of birth'],
        },
        {
          title: 'Declarations of interests',
          rows: [],
        },
        {
          title: 'Security clearances',
          rows: [],
        },
        {
          title: 'Exemptions from escorted access',
          rows: [],
        },
        {
          title: 'Commendations',
          rows: [],
        },
        {
          title: 'Commendations of others you were consulted on',
          rows: [],
        },
        {
          title: 'Elections stood in',
          rows: [
            {
              Group: 'Disability Independent Advisory Group',
              'Held on': '2026-10-20',
              Elected: true,
              Votes: null,
            },
          ],
        },
        {
          title: 'Attending group meetings for the police',
          rows: [],
        },
        {
          title: 'Groups they are the deployment contact for',
          rows: [
            {
              Group: 'Disability Independent Advisory Group',
            },
          ],
        },
        {
          title: 'Recruitment panels sat on',
          rows: [],
        },
        {
          title: 'Diversity-monitoring answers',
          rows: [],
        },
      ],
    },
    {
      module: 'meetings',
      sections: [
        {
          title: 'Meetings attended',
          rows: [
            {
              Meeting: 'Disability IAG meeting on access',
              'Starts at': '2026-11-16T18:00:00.000Z',
              'Attended as': 'member',
              Attendance: 'present',
              Capacity: null,
              'Recorded at': now,
            },
          ],
        },
        {
          title: 'Agenda items tabled',
          rows: [],
        },
        {
          title: 'Actions from meetings',
          rows: [],
        },
        {
          title: 'Calendar feeds',
          rows: [
            {
              'Made at': now,
              'Stopped at': null,
              'Last read at': null,
            },
          ],
        },
      ],
    },
    {
      module: 'advice',
      sections: [
        {
          title: 'Requests for advice made',
          rows: [],
        },
        {
          title: 'Questions answered about their requests',
          rows: [],
        },
        {
          title: 'Documents added to requests',
          rows: [],
        },
        {
          title: 'Advisor profile',
          rows: [
            {
              Experience: 'youth, mental_health',
              'Last changed at': now,
            },
          ],
        },
        {
          title: 'Days unavailable',
          rows: [],
        },
        {
          title: 'Conflicts of interest',
          rows: [],
        },
        {
          title: 'Nominations and deployments',
          rows: [
            {
              Request: request.reference,
              Subject: 'Community meeting after a stabbing in Peckham',
              Group: 'Disability Independent Advisory Group',
              Status: 'nominated',
              'Deployed on': '2026-12-07',
              'Nominated at': now,
              'Nominated by': 'Casey Whole',
              'Reason for nominating': 'Lives nearby',
              'Answered at': null,
              'Reason for declining': null,
              'Arranged at': null,
              Arrangements: null,
            },
          ],
          thirdParty: ['Nominated by'],
        },
        {
          title: 'Advice given',
          rows: [],
        },
        {
          title: 'Disclosed to them',
          rows: [],
        },
      ],
    },
    {
      module: 'expenses',
      sections: [
        {
          title: 'Expense claims',
          rows: [
            {
              Claim: claim.reference,
              Group: 'Disability Independent Advisory Group',
              For: 'Disability IAG meeting on access, 16 November 2026',
              Status: 'draft',
              'Claimed (pence)': 350,
              'Approved (pence)': null,
              'Started at': now,
              'Submitted at': null,
              'Decided at': null,
              'Decided by': null,
              'Reason for the decision': null,
              'Paid at': null,
            },
          ],
          thirdParty: ['Decided by'],
        },
        {
          title: 'Items claimed',
          rows: [
            {
              Claim: claim.reference,
              Category: 'public_transport',
              'Incurred on': '2026-11-16',
              Description: 'Bus to Hackney',
              'Tenths of a mile': null,
              'Claimed (pence)': 350,
              'Approved (pence)': null,
              'Reason for the amount approved': null,
              Receipt: null,
            },
          ],
          files: [],
        },
        {
          title: 'Disputes of decisions on claims',
          rows: [],
        },
      ],
    },
    {
      module: 'tracker',
      sections: [
        {
          title: 'Actions they own',
          rows: [
            {
              Source: 'Access to police stations review',
              Recommendation: '1',
              Action: 'Audit the counters',
              'Due on': '2027-02-28',
              Result: 'ongoing',
              'Completed on': null,
              Narrative: null,
            },
          ],
        },
        {
          title: 'Work they lead',
          rows: [
            {
              Source: 'Access to police stations review',
              Recommendation: '1',
              'Key point': 'Counters audited',
            },
          ],
        },
        {
          title: 'Updates they recorded',
          rows: [],
        },
      ],
    },
    {
      module: 'custody-visiting',
      sections: [
        {
          title: 'Custody visiting panels coordinated',
          rows: [{ Panel: 'Hackney custody visiting panel', 'Borough or custody area': 'Hackney' }],
        },
        {
          title: 'Custody visitor record',
          rows: [
            {
              Panel: 'Islington custody visiting panel',
              'Independence declared on': '2025-10-01',
              'Interviewed on': '2025-11-01',
              'Interview outcome': 'suitable',
              'Vetting result': 'cleared',
              'Vetted on': '2025-12-01',
              'Vetting expires on': '2028-12-01',
              'Appointed on': '2026-01-10',
              'Term ends on': '2029-01-10',
              'Probation signed off on': null,
              'Suspended from': null,
              'Reason for suspension': null,
              'Left the scheme on': null,
              'Why they left': null,
            },
          ],
        },
        {
          title: 'Custody visitor training',
          rows: [{ Course: 'Induction', 'Completed on': '2026-01-05' }],
        },
        {
          title: 'Custody visiting availability',
          rows: [
            {
              'Quarter beginning': '2027-01-01',
              'Weeks they cannot do (each beginning)': '2027-01-04, 2027-01-11',
              Note: 'Evenings',
            },
          ],
        },
        {
          title: 'Custody visits on the rota',
          rows: [
            {
              'Week beginning': '2027-01-18',
              'Custody suite': 'Islington suite',
              Status: 'planned',
              'Day of the visit': null,
            },
          ],
        },
        {
          title: 'Applications to be a lay visitor',
          rows: [],
          identifying: ['Full name', 'E-mail address', 'Phone'],
        },
      ],
    },
    {
      module: 'consultation',
      sections: [
        {
          title: 'Places on the consultation strategy board',
          rows: [
            {
              Board: 'Consultation strategy board',
              Side: 'police',
              Role: 'member',
              From: '2026-09-01',
              To: null,
            },
          ],
        },
        {
          title: 'Consultation programme stages owned',
          rows: [
            {
              Programme: 'Policing plan 2027/28 consultation',
              Stage: 'Consultation programme carried out',
              'Planned start': '2027-06-01',
              'Planned end': '2027-06-30',
              'Actual start': null,
              'Actual end': null,
            },
          ],
        },
        {
          title: "Membership of the citizens' panel",
          rows: [],
          identifying: ['Full name', 'E-mail address'],
        },
        { title: "Citizens' panel: monitoring answers", rows: [] },
        { title: 'Entries as a consultee', rows: [], identifying: ['Name'] },
        { title: 'Responses to consultations', rows: [] },
      ],
    },
    {
      module: 'partnerships',
      sections: [
        {
          title: 'Named as a partnership’s nominated officer',
          rows: [
            {
              Partnership: 'Casey borough Community Safety Partnership',
              'Rank recorded': 'inspector',
              'Entry last confirmed at': '2026-11-20T10:00:00.000Z',
            },
          ],
        },
        { title: 'Named as a partnership’s deputy', rows: [] },
        {
          title: 'Partnership entries last confirmed',
          rows: [
            {
              Partnership: 'Casey borough Community Safety Partnership',
              'Confirmed at': '2026-11-20T10:00:00.000Z',
            },
          ],
        },
      ],
    },
    {
      module: 'training',
      sections: [
        {
          title: 'Training sessions',
          rows: [
            {
              Course: 'Working in Partnership',
              Date: '2026-10-06',
              Place: 'Hackney Service Centre',
              Attendance: 'attended',
              'Recorded at': now,
            },
          ],
        },
        {
          title: 'Training needs',
          rows: [
            {
              Role: 'partnership',
              Course: 'Working in Partnership',
              'Raised on': '2026-09-01',
              'Due by': '2026-12-31',
              Notes: 'New to the partnership team',
            },
          ],
        },
      ],
    },
    {
      module: 'engagement',
      sections: [
        {
          title: 'Engagement groups you chair',
          rows: [
            {
              Group: 'Casey Community and Police Engagement Group',
              'Constitution adopted': '2024-05-14',
              Closed: null,
            },
          ],
        },
        { title: 'Engagement groups you are secretary of', rows: [] },
        { title: 'Engagement groups you are treasurer of', rows: [] },
        {
          title: 'Issues you raised for an engagement group',
          rows: [
            {
              Group: 'Casey Community and Police Engagement Group',
              Raised: '2026-11-02',
              'Raised with': 'police',
              Issue: 'Street lighting on the estate',
              Wanted: 'A survey with the council',
              Answer: null,
              Closed: null,
            },
          ],
        },
        {
          title: "Engagement groups' standing you assessed",
          rows: [
            {
              Group: 'Casey Community and Police Engagement Group',
              Standard: 'A written constitution',
              Standing: 'met',
              Evidence: 'Constitution seen',
              Assessed: '2026-11-03',
            },
          ],
        },
      ],
    },
    {
      module: 'grants',
      sections: [
        {
          title: 'Grant applications you began or submitted',
          rows: [
            {
              Project: 'Casey street walks',
              For: 'Casey Community and Police Engagement Group',
              Status: 'declined',
              Submitted: '2026-10-01T10:00:00.000Z',
            },
          ],
        },
        {
          title: 'Grant applications you were asked to assess',
          rows: [
            {
              Grant: 'Casey youth panel',
              'Asked on': '2026-11-01T10:00:00.000Z',
              'Scores sent': '2026-11-02T10:00:00.000Z',
              'Your comments': 'Strong outreach',
              'Conflict of interest declared': null,
              'The conflict': null,
            },
          ],
        },
        {
          title: 'Grant panel decisions you recorded',
          rows: [
            {
              Grant: 'Casey street walks',
              Decided: '2026-11-15T10:00:00.000Z',
              Decision: 'declined',
              "The panel's reason": 'Outside the fund',
            },
          ],
        },
        { title: 'Grant monitoring returns you sent', rows: [] },
        { title: 'Grant monitoring returns you accepted', rows: [] },
        { title: 'Grant underspend and clawback you recorded', rows: [] },
        { title: 'Grant evaluations you recorded', rows: [] },
        { title: 'Grants you tied to meetings, recommendations and consultations', rows: [] },
      ],
    },
    {
      module: 'good-practice',
      sections: [
        {
          title: 'Named as the contact for good practice',
          rows: [
            {
              Title: 'Youth forum with the commander',
              Theme: 'youth',
              'Public since': '2026-10-08T09:00:00.000Z',
            },
          ],
        },
        {
          title: 'Good practice recorded',
          rows: [
            {
              Title: 'Joint tasking',
              Theme: 'partnership-working',
              'Recorded at': '2026-10-02T09:00:00.000Z',
            },
          ],
        },
      ],
    },
    {
      module: 'indicators',
      sections: [
        { title: 'Indicator figures you gave', rows: [] },
        { title: 'Indicator targets you set', rows: [] },
      ],
    },
    {
      module: 'information-rights',
      sections: [
        {
          title: 'Subject access requests about you',
          rows: [],
          thirdParty: ['Identity checked by'],
        },
        {
          title: 'Your requests to erase or correct',
          rows: [],
          thirdParty: ['Decided by'],
        },
      ],
    },
  ];
  assert.equal(JSON.stringify(found, null, 2), JSON.stringify(expected, null, 2));
});
