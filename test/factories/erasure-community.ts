/**
 * Issue 28 part 5, the erasure test's seed (continued from ./erasure.ts): the person in custody
 * visiting, consultation, partnerships, training, engagement, good practice and grants.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  consultationBoardMembers,
  consultationBoards,
} from '../../src/modules/consultation/board/schema.js';
import { consulteeChannels, consultees } from '../../src/modules/consultation/consultees/schema.js';
import { panelMembers } from '../../src/modules/consultation/panel/schema.js';
import {
  consultationProgrammeStages,
  consultationProgrammes,
} from '../../src/modules/consultation/programmes/schema.js';
import { responses } from '../../src/modules/consultation/schema.js';
import { custodyVisitorApplications } from '../../src/modules/custody-visiting/applications/schema.js';
import {
  custodyAvailability,
  custodyRotaRounds,
} from '../../src/modules/custody-visiting/schema.js';
import {
  engagementAssessments,
  engagementGroups,
  engagementIssues,
  engagementStandards,
} from '../../src/modules/engagement/schema.js';
import { goodPracticeEntries } from '../../src/modules/good-practice/schema.js';
import { grantAssessments } from '../../src/modules/grants/schema.js';
import { partnerships } from '../../src/modules/partnerships/schema.js';
import { trainingNeeds } from '../../src/modules/training/schema.js';
import { type TestApp } from '../app.js';
import type { FactoryAccount } from './accounts.js';
import type { Expected } from './erasure.js';
import { makeConsultation, makeResponse } from './consultation.js';
import { APPOINTED, makePanel, makeVisitor } from './custody-visiting.js';
import { makeBorough } from './directory.js';
import { makeApplication, makeEngagementGroup, makeFund, makeRound } from './grants.js';
import {
  makeCourse,
  makeSession,
  recordAttendance as recordTrainingAttendance,
} from './training.js';

export interface SeedContext {
  /** The seed's own letters, in every value it writes. */
  tag: string;
  person: FactoryAccount;
  other: FactoryAccount;
  at: Date;
}

export async function seedCommunityModules(t: TestApp, s: SeedContext): Promise<Expected[]> {
  const db = t.services.db;
  const { tag, other, at } = s;
  const { personId, userId, email } = s.person;
  const fullName = s.person.name;
  const expected: Expected[] = [];

  // Custody visiting: coordinates one panel, visits for another, gave availability, applied.
  await makePanel(t, { name: `ZQ-${tag} coordinated panel`, coordinatorId: personId });
  const visited = await makePanel(t, { name: `ZQ-${tag} visited panel` });
  const visitor = await makeVisitor(t, visited, {
    person: { id: personId, fullName },
    stage: APPOINTED,
    inducted: true,
  });
  const [rota] = await db
    .insert(custodyRotaRounds)
    .values({ panelId: visited.id, quarterStart: '2027-01-01' })
    .returning();
  await db.insert(custodyAvailability).values({
    roundId: rota!.id,
    visitorId: visitor.id,
    unavailableWeeks: ['2027-01-04'],
    note: `${fullName} evenings only`,
  });
  await db.insert(custodyVisitorApplications).values({
    fullName,
    email,
    phone: '07700 900417',
    reasons: `${fullName} wants to help`,
    declaredOn: '2025-09-01',
    status: 'invited',
    visitorId: visitor.id,
  });
  expected.push(
    ['custody-visiting', 'coordinates', `ZQ-${tag} coordinated panel`],
    ['custody-visiting', 'visitor', `ZQ-${tag} visited panel`],
    ['custody-visiting', 'courses', 'Induction'],
    ['custody-visiting', 'availability', `${fullName} evenings only`],
    ['custody-visiting', 'applications', `${fullName} wants to help`],
  );

  // Consultation: on the board, owns a stage; on the panel, a consultee, and a respondent by
  // their address (not directory people: the export finds them by the entry's address).
  // There is one board: made by the first seed, sat on by each.
  const [board] = await db
    .insert(consultationBoards)
    .values({ name: 'Consultation strategy board', remit: 'Oversees consultation' })
    .onConflictDoUpdate({
      target: consultationBoards.singleton,
      set: { remit: 'Oversees consultation' },
    })
    .returning();
  await db.insert(consultationBoardMembers).values({
    boardId: board!.id,
    personId,
    side: 'authority',
    role: 'member',
    fromOn: '2026-09-01',
  });
  const [programme] = await db
    .insert(consultationProgrammes)
    .values({ title: `ZQ-${tag} programme`, planYear: 2027 })
    .returning();
  await db.insert(consultationProgrammeStages).values({
    programmeId: programme!.id,
    position: 1,
    name: `ZQ-${tag} fieldwork`,
    ownerId: personId,
    plannedStart: '2027-06-01',
    plannedEnd: '2027-06-30',
    fieldwork: true,
  });
  await db.insert(panelMembers).values({
    fullName,
    email,
    joinedBy: 'sign_up',
    confirmedAt: at,
    joinedOn: '2026-11-02',
    leaveTokenHash: createHash('sha256').update(randomBytes(8)).digest('hex'),
  });
  const [consultee] = await db
    .insert(consultees)
    .values({ name: fullName, kind: 'person', category: 'individual_resident' })
    .returning();
  await db.insert(consulteeChannels).values({
    consulteeId: consultee!.id,
    kind: 'email',
    detail: email,
    preferred: true,
  });
  const consultation = await makeConsultation(t);
  const response = await makeResponse(t, consultation, {}, { submitted: false });
  await db.update(responses).set({ contactEmail: email }).where(eq(responses.id, response.id));
  expected.push(
    ['consultation', 'board', '2026-09-01'],
    ['consultation', 'stages', `ZQ-${tag} fieldwork`],
    ['consultation', 'panel', '2026-11-02'],
    ['consultation', 'consultee', fullName],
    ['consultation', 'responses', email],
  );

  // Partnerships: the nominated officer, and the last to confirm the entry.
  await db.insert(partnerships).values({
    boroughId: (await makeBorough(t)).id,
    name: `ZQ-${tag} Community Safety Partnership`,
    officerId: personId,
    officerRank: 'inspector',
    deputyId: other.personId,
    deputyRank: 'superintendent',
    confirmedAt: at,
    confirmedBy: userId,
  });
  await db.insert(partnerships).values({
    boroughId: (await makeBorough(t)).id,
    name: `ZQ-${tag} second Community Safety Partnership`,
    officerId: other.personId,
    officerRank: 'inspector',
    deputyId: personId,
    deputyRank: 'chief_inspector',
    confirmedAt: at,
  });
  expected.push(
    ['partnerships', 'officer', `ZQ-${tag} Community Safety Partnership`],
    ['partnerships', 'deputy', `ZQ-${tag} second Community Safety Partnership`],
    ['partnerships', 'confirmed', `ZQ-${tag} Community Safety Partnership`],
  );

  // Training: attended a session, and a need recorded for them.
  const course = await makeCourse(t, { title: `ZQ-${tag} course` });
  const session = await makeSession(t, course.id, {
    heldOn: '2026-10-06',
    place: `ZQ-${tag} centre`,
  });
  await recordTrainingAttendance(t, session.id, personId);
  await db.insert(trainingNeeds).values({
    area: 'partnership',
    personId,
    courseId: course.id,
    raisedOn: '2026-09-01',
    dueBy: '2026-12-31',
    notes: `${fullName} is new to partnership work`,
  });
  expected.push(
    ['training', 'attendance', `ZQ-${tag} centre`],
    ['training', 'needs', `${fullName} is new to partnership work`],
  );

  // Engagement: chairs, keeps the books and answers the public address of a group; raised an
  // issue for it and assessed it.
  const engagement = await makeEngagementGroup(t, { name: `ZQ-${tag} engagement group` });
  await db
    .update(engagementGroups)
    .set({
      chairId: personId,
      treasurerId: personId,
      secretaryId: personId,
      contactEmail: email,
    })
    .where(eq(engagementGroups.id, engagement.id));
  await db.insert(engagementIssues).values({
    groupId: engagement.id,
    raisedOn: '2026-11-02',
    raisedBy: userId,
    raisedTo: 'police',
    issue: `Street lighting (ZQ-${tag} issue)`,
    wanted: 'A survey',
  });
  const [standard] = await db
    .select()
    .from(engagementStandards)
    .where(eq(engagementStandards.code, 'MS3'));
  await db.insert(engagementAssessments).values({
    groupId: engagement.id,
    standardId: standard!.id,
    standing: 'met',
    evidence: `Constitution seen (ZQ-${tag})`,
    assessedOn: '2026-11-03',
    assessedBy: userId,
  });
  expected.push(
    ['engagement', 'chair', `ZQ-${tag} engagement group`],
    ['engagement', 'secretary', `ZQ-${tag} engagement group`],
    ['engagement', 'treasurer', `ZQ-${tag} engagement group`],
    ['engagement', 'issues', `Street lighting (ZQ-${tag} issue)`],
    ['engagement', 'assessments', `Constitution seen (ZQ-${tag})`],
  );

  // Good practice: the contact for one entry, and recorded it.
  await db.insert(goodPracticeEntries).values({
    title: `ZQ-${tag} youth forum`,
    summary: 'Quarterly meetings',
    theme: 'youth',
    contactId: personId,
    recordedBy: userId,
    recordedAt: at,
  });
  expected.push(
    ['good-practice', 'contact', `ZQ-${tag} youth forum`],
    ['good-practice', 'recorded', `ZQ-${tag} youth forum`],
  );

  // Grants: assessed an application.
  const grantRound = await makeRound(t, (await makeFund(t)).id);
  const assessed = await makeApplication(t, grantRound.id, {
    projectTitle: `ZQ-${tag} youth panel`,
  });
  await db.insert(grantAssessments).values({
    applicationId: assessed.id,
    assessorId: userId,
    comments: `Strong outreach (ZQ-${tag})`,
    submittedAt: at,
    createdAt: at,
  });
  expected.push(['grants', 'assessments', `Strong outreach (ZQ-${tag})`]);

  return expected;
}
