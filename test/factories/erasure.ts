/**
 * Issue 28 part 5: one person seeded into every module, every table that references a person or
 * an account as the person it is about (not only as the one who acted), for the erasure test.
 * Each record carries a value of its own, listed in `expected`, which the person's export must
 * show in the section named.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  adviceConflicts,
  adviceGiven,
  advisorUnavailability,
  disclosures,
} from '../../src/modules/advice/schema.js';
import { people } from '../../src/modules/directory/schema.js';
import {
  erasureRequests,
  subjectAccessRequests,
} from '../../src/modules/information-rights/schema.js';
import { expenseDisputes } from '../../src/modules/expenses/schema.js';
import {
  accessExemptions,
  applications,
  clearances,
  commendations,
  declarations,
  diversityAnswers,
  policeAttendees,
  recruitmentPanel,
  recruitmentRounds,
} from '../../src/modules/groups/schema.js';
import { agendaItems, meetingActions } from '../../src/modules/meetings/schema.js';
import { trackerUpdates } from '../../src/modules/tracker/schema.js';
import {
  passwordResetTokens,
  sessions,
  signInAttempts,
  users,
} from '../../src/platform/auth/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { dateFields, principalFor, type TestApp } from '../app.js';
import type { FactoryAccount } from './accounts.js';
import { seedCommunityModules } from './erasure-community.js';
import { makeAdviceRequest, nominateAdvisors, routeRequest, setExperience } from './advice.js';
import { makeBorough } from './directory.js';
import { makeExpenseClaim } from './expenses.js';
import { makeGroup, makeMember } from './groups.js';
import { makeMeeting, recordAttendance, staffPrincipal } from './meetings.js';
import { makeTrackerSource } from './tracker.js';

/** Who is seeded: their account, and what must vanish from every table on erasure. */
export interface SeededPerson extends FactoryAccount {
  dateOfBirth: string;
}

/** A record the export must show: the module, the section's catalogue key, a value in a row. */
export type Expected = readonly [module: string, sectionKey: string, value: string | number];

export interface Seeded {
  person: SeededPerson;
  /** Another member of the same group, at the same meeting: never touched by the erasure. */
  other: FactoryAccount;
  expected: Expected[];
  meetingId: string;
  claimId: string;
  groupId: string;
}

/** Makes a member whose name, address and date of birth appear nowhere else in the database. */
async function distinctMember(
  t: TestApp,
  groupId: string,
  name: string,
  dateOfBirth: string,
): Promise<SeededPerson> {
  const made = await makeMember(t, groupId, { name, startsOn: '2026-10-01' });
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@erasure.example`;
  await t.services.db.update(users).set({ email }).where(eq(users.id, made.userId));
  await t.services.db.update(people).set({ email }).where(eq(people.id, made.personId));
  return { ...made, email, dateOfBirth };
}

export async function seedEveryModule(t: TestApp): Promise<Seeded> {
  const db = t.services.db;
  const unit = await staffPrincipal(t, 'coordination_unit');
  const group = await makeGroup(t);
  const groupId = group.id;
  // A name, address and date of birth of this seed's own: several seeds share a database.
  const tag = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  const born = (year: number) =>
    `${year}-0${1 + (tag.charCodeAt(0) % 9)}-${10 + (tag.charCodeAt(1) % 18)}`;
  const person = await distinctMember(
    t,
    groupId,
    `Zephyrine Quillfeather${tag}`,
    born(1931 + (tag.charCodeAt(2) % 20)),
  );
  const other = await distinctMember(
    t,
    groupId,
    `Ottoline Brackenbury${tag}`,
    born(1901 + (tag.charCodeAt(3) % 20)),
  );
  const { personId, userId, email, fullName } = { ...person, fullName: person.name };
  const expected: Expected[] = [['directory', 'entry', fullName]];
  const at = new Date('2026-11-02T10:00:00Z');

  // Groups: a term (made above), an election won, the deployment contact, declarations,
  // clearance, exemption, commendation (and consulted on the other's), a police role, diversity
  // answers, an application (with date of birth) and a place on a recruitment panel.
  await t.services.groups.recordElection(unit, groupId, {
    ...dateFields('heldOn', '2026-10-20'),
    adjudicatorName: 'Ruth Mensah',
    agreedByChairs: 'The chairs',
    agreedByPolice: 'Chris Coordinator',
    candidates: [personId],
    elected: [personId],
  });
  await t.services.groups.setDeploymentContact(unit, groupId, { personId });
  const declared = `Trustee of the ${fullName} Trust`;
  await db.insert(declarations).values({
    personId,
    declaredOn: '2026-10-02',
    interests: declared,
    independenceConfirmed: true,
    principlesConfirmed: true,
  });
  const ministry = await makeBorough(t);
  await db.insert(clearances).values({
    personId,
    level: 'sc',
    grantedOn: '2026-03-04',
    expiresOn: '2031-03-04',
    requiredById: ministry.id,
  });
  await db.insert(accessExemptions).values({
    personId,
    approvedBy: 'Superintendent Hale',
    approvedOn: '2026-05-06',
    reason: `${fullName} needs step-free access`,
  });
  await db.insert(commendations).values([
    {
      personId,
      groupId,
      awardedOn: '2026-06-07',
      citation: `For ${fullName}’s work on access`,
      consultedPersonId: other.personId,
      consultedCapacity: 'chair',
    },
    {
      personId: other.personId,
      groupId,
      awardedOn: '2026-06-08',
      citation: 'For Ottoline’s youth forum',
      consultedPersonId: personId,
      consultedCapacity: 'chair',
    },
  ]);
  await db.insert(policeAttendees).values({
    groupId,
    role: 'strand_representative',
    personId,
    rank: 'Chief Inspector',
    fromOn: '2026-07-08',
  });
  await db.insert(diversityAnswers).values({ personId, ageBand: '65_plus' });
  const [round] = await db
    .insert(recruitmentRounds)
    .values({
      groupId,
      opensOn: '2026-01-05',
      closesOn: '2026-02-05',
      appointmentDate: '2026-03-05',
      targetAudiences: 'Everyone',
    })
    .returning();
  await db.insert(recruitmentPanel).values({ roundId: round!.id, userId });
  await db.insert(applications).values({
    roundId: round!.id,
    fullName,
    email,
    phone: '07700 900417',
    dateOfBirth: person.dateOfBirth,
    communities: 'Deaf community in Lambeth',
    statement: `I am ${fullName}, a Deaf advocate`,
    independenceConfirmed: true,
    principlesConfirmed: true,
    status: 'declined',
    decisionReason: `${fullName} applied after the closing date`,
  });
  expected.push(
    ['groups', 'terms', '2026-10-01'],
    ['groups', 'elections', '2026-10-20'],
    ['groups', 'deploymentContact', group.name],
    ['groups', 'declarations', declared],
    ['groups', 'clearances', '2031-03-04'],
    ['groups', 'exemptions', `${fullName} needs step-free access`],
    ['groups', 'commendations', `For ${fullName}’s work on access`],
    ['groups', 'policeRoles', 'Chief Inspector'],
    ['groups', 'diversity', '65_plus'],
    ['groups', 'applications', person.dateOfBirth],
    ['groups', 'panels', '2026-01-05'],
  );

  // Meetings: present with the other member, an item tabled, an action, a calendar feed.
  const meeting = await makeMeeting(t, groupId, {
    title: 'Disability IAG meeting on erasure',
    date: '2026-11-16',
  });
  await recordAttendance(
    t,
    meeting.id,
    { [personId]: 'present', [other.personId]: 'present' },
    'apologies',
  );
  await db.insert(agendaItems).values({
    meetingId: meeting.id,
    position: 1,
    title: `Step-free access to stations (ZQ-${tag} item)`,
    tabledByPersonId: personId,
    tabledByUserId: userId,
    tabledAs: 'member',
  });
  await db.insert(meetingActions).values({
    meetingId: meeting.id,
    bodyType: 'advisory_group',
    bodyId: groupId,
    description: `Write to the borough about ramps (ZQ-${tag} action)`,
    ownerName: fullName,
    ownerPersonId: personId,
  });
  await t.services.meetingFeeds.create(await principalFor(t, email));
  expected.push(
    ['meetings', 'attended', 'Disability IAG meeting on erasure'],
    ['meetings', 'tabled', `Step-free access to stations (ZQ-${tag} item)`],
    ['meetings', 'actions', fullName],
  );

  // Advice: experience, a day unavailable, nominated (as the group's contact), a conflict on
  // another request, the advice given and a document disclosed to them.
  await setExperience(t, person, ['youth', 'mental_health']);
  await db.insert(advisorUnavailability).values({
    personId,
    startsOn: '2027-01-04',
    endsOn: '2027-01-08',
    note: `${fullName} away`,
    createdAt: at,
  });
  const request = await makeAdviceRequest(t);
  await routeRequest(t, request.id, groupId);
  const { created } = await nominateAdvisors(
    t,
    person,
    request.id,
    groupId,
    [personId],
    `ZQ-${tag} lives nearby`,
  );
  const deploymentId = created[0]!.id;
  await db.insert(adviceGiven).values({
    requestId: request.id,
    deploymentId,
    personId,
    groupId,
    givenOn: '2026-11-20',
    summary: `Hold the briefing at a step-free venue (ZQ-${tag} advice)`,
    independent: true,
    independenceBasis: 'Given by the advisor alone',
    recordedAt: at,
  });
  await db.insert(disclosures).values({
    requestId: request.id,
    deploymentId,
    personId,
    kind: 'document',
    title: `Operation plan (ZQ-${tag} disclosure)`,
    protocol: 'IAG-35',
    terms: 'Not to be shared',
    disclosedAt: at,
  });
  const conflicted = await makeAdviceRequest(t);
  await db.insert(adviceConflicts).values({
    requestId: conflicted.id,
    personId,
    reason: `${fullName} lives on the estate`,
    recordedAt: at,
  });
  expected.push(
    ['advice', 'advisorProfile', 'youth, mental_health'],
    ['advice', 'daysUnavailable', `${fullName} away`],
    ['advice', 'nominationsAndDeployments', `ZQ-${tag} lives nearby`],
    ['advice', 'adviceGiven', `Hold the briefing at a step-free venue (ZQ-${tag} advice)`],
    ['advice', 'disclosedToThem', `Operation plan (ZQ-${tag} disclosure)`],
    ['advice', 'conflictsOfInterest', `${fullName} lives on the estate`],
  );

  // Expenses: a claim for the meeting, submitted, and a dispute in their words.
  const claim = await makeExpenseClaim(t, person, {
    occasion: `meeting:${meeting.id}`,
    costs: [
      { incurredOn: '2026-11-16', description: `Taxi to ${fullName} House`, amount: '23.60' },
    ],
    submit: true,
  });
  await db.insert(expenseDisputes).values({
    claimId: claim.id,
    raisedBy: userId,
    raisedAt: at,
    reason: `${fullName} cannot use the bus`,
    stage: 'chair',
  });
  expected.push(
    ['expenses', 'claims', claim.reference],
    ['expenses', 'items', `Taxi to ${fullName} House`],
    ['expenses', 'disputes', `${fullName} cannot use the bus`],
  );

  // Tracker: leads a key point and owns its action; wrote an update under their name.
  const sourceId = await makeTrackerSource(t, [
    {
      source_title: `Access review (ZQ-${tag} source)`,
      source_kind: 'review',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: 'Make every front counter accessible',
      key_point: `Counters audited (ZQ-${tag} key point)`,
      key_point_lead: email,
      action: `Audit the counters (ZQ-${tag} action)`,
      action_owner: email,
      due_on: '2027-02-28',
      result: 'ongoing',
    },
  ]);
  // The source's import is written in their name (as an update is).
  await db
    .update(trackerUpdates)
    .set({ authorUserId: userId, authorLabel: fullName })
    .where(eq(trackerUpdates.sourceId, sourceId));
  expected.push(
    ['tracker', 'owned', `Audit the counters (ZQ-${tag} action)`],
    ['tracker', 'led', `Counters audited (ZQ-${tag} key point)`],
    ['tracker', 'written', `Access review (ZQ-${tag} source)`],
  );

  expected.push(...(await seedCommunityModules(t, { tag, person, other, at })));

  // The platform: signed in now, asked for a new password, tried to sign in, was e-mailed.
  const token = () => createHash('sha256').update(randomBytes(16)).digest('hex');
  await db.insert(sessions).values({
    tokenHash: token(),
    userId,
    stage: 'complete',
    expiresAt: new Date('2027-01-01T00:00:00Z'),
    ipAddress: '192.0.2.17',
    userAgent: `${fullName}’s browser`,
  });
  await db.insert(passwordResetTokens).values({
    userId,
    tokenHash: token(),
    expiresAt: new Date('2027-01-01T00:00:00Z'),
  });
  await db.insert(signInAttempts).values({ email, ipAddress: '192.0.2.17', succeeded: false });
  await db.insert(outbox).values({
    toAddress: email,
    subject: 'Your claim',
    bodyText: `Dear ${fullName}, your claim was received.`,
    status: 'sent',
  });

  // Information rights: a subject access request of theirs, identity checked by their passport.
  const identityMethod = `Passport in the name of ${fullName}`;
  await db.insert(subjectAccessRequests).values({
    personId,
    receivedOn: '2026-11-02',
    dueOn: '2026-12-02',
    loggedAt: at,
    loggedBy: unit.userId,
    identityMethod,
    identityCheckedBy: unit.userId,
    identityCheckedAt: at,
  });
  expected.push(['information-rights', 'subjectAccessRequests', identityMethod]);
  // And a request of theirs to correct, in their words, decided with reasons naming them.
  const asked = `Please correct the date of birth of ${fullName}: it is not ${person.dateOfBirth}`;
  await db.insert(erasureRequests).values({
    kind: 'correct',
    personId,
    receivedOn: '2026-11-02',
    dueOn: '2026-12-02',
    asked,
    loggedAt: at,
    loggedBy: unit.userId,
    decision: 'agreed_in_part',
    decisionReasons: `Minutes naming ${fullName} (${person.email}) are kept as written`,
    decidedBy: unit.userId,
    decidedAt: at,
    carriedOutBy: unit.userId,
    carriedOutAt: at,
    corrections: `Date of birth of ${fullName} corrected in the directory`,
    closedAt: at,
  });
  expected.push(['information-rights', 'erasureRequests', asked]);

  return { person, other, expected, meetingId: meeting.id, claimId: claim.id, groupId };
}
