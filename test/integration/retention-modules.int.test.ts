/**
 * DP-03: the retention schedule's parts answered by the consultation (citizens' panel responses),
 * FOI (requesters' details), information rights (subject access archives) and custody visiting
 * (declined applications) modules. Each with time moved: the owner warned first, then the record
 * anonymised or deleted at its period's end, what must stay kept, an audit event with no personal
 * data, and held or newer records untouched; and the schedule lists them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import { and, eq, inArray, like } from 'drizzle-orm';
import { custodyVisitorApplications } from '../../src/modules/custody-visiting/applications/schema.js';
import { panelWaves } from '../../src/modules/consultation/panel/schema.js';
import {
  answers,
  invitations,
  responseMonitoring,
  responses,
} from '../../src/modules/consultation/schema.js';
import { foiRequests } from '../../src/modules/foi/schema.js';
import { subjectAccessRequests } from '../../src/modules/information-rights/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { accountFor, signInAsRole } from '../factories/accounts.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { makePanelMembers } from '../factories/consultation-panel.js';
import { makePerson, referenceOrganisationId } from '../factories/directory.js';
import { textOf } from '../html.js';

let t: TestApp;
let admin: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  admin = await signInAsRole(t, 'administrator');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const DAY = 24 * 60;

async function adminPrincipal() {
  const account = await accountFor(t, 'administrator');
  return {
    kind: 'user' as const,
    userId: account.userId,
    displayName: 'Admin',
    email: account.email,
    roles: [{ role: 'administrator' as const, scopeType: null, scopeId: null }],
  };
}

const holdRecord = async (kindKey: string, recordId: string) =>
  t.services.retention.placeHold(await adminPrincipal(), {
    on: 'record',
    kindKey,
    recordId,
    reason: 'A complaint about it is open',
    requestedBy: 'Complaint 2026/31',
  });

const warningsTo = (address: string, recordId: string) =>
  t.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), like(outbox.bodyText, `%${recordId}%`)));

/** The sweep's audit event for the kind: what it says, checked to name nobody. */
async function auditSaid(kindKey: string, action: 'anonymised' | 'deleted', personal: RegExp) {
  const events = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, `retention.${action}`), eq(auditEvents.recordId, kindKey)));
  assert.ok(events.length, `an audit event for ${kindKey}`);
  for (const event of events) {
    const said = JSON.stringify(event.after);
    assert.match(said, new RegExp(`"kind":"${kindKey.replace('.', '\\.')}"`));
    assert.doesNotMatch(said, personal);
  }
}

// ---- Citizens' panel responses (consultation) ----

async function panelWave(closesOn: string) {
  const consultation = await makeConsultation(t, {
    opensOn: '2020-01-01',
    closesOn,
    audience: 'panel',
  });
  const borough = await referenceOrganisationId(t, 'E09000023');
  const members = await makePanelMembers(t, [{ boroughId: borough }, { boroughId: borough }]);
  const [wave] = await t.services.db
    .insert(panelWaves)
    .values({
      consultationId: consultation.id,
      kind: 'whole',
      invited: 2,
      sentAt: new Date(`${closesOn}T09:00:00Z`),
    })
    .returning({ id: panelWaves.id });
  const sent = await makeResponse(
    t,
    consultation,
    { 0: 'Yes', 1: 'More patrols' },
    {
      boroughId: borough,
      addressHash: 'hash-of-an-address',
      submittedAt: new Date(`${closesOn}T08:00:00Z`),
      monitoring: { ageBand: '25-34' },
    },
  );
  const draft = await makeResponse(t, consultation, { 0: 'No' }, { submitted: false });
  const invitationIds: string[] = [];
  for (const [i, member] of members.entries()) {
    const [invitation] = await t.services.db
      .insert(invitations)
      .values({
        consultationId: consultation.id,
        panelMemberId: member.id,
        tokenHash: randomUUID(),
        sentAt: new Date(`${closesOn}T07:00:00Z`),
      })
      .returning({ id: invitations.id });
    invitationIds.push(invitation!.id);
    await t.services.db
      .update(responses)
      .set({
        invitationId: invitation!.id,
        contactEmail: member.email,
      })
      .where(eq(responses.id, i === 0 ? sent.id : draft.id));
  }
  return { waveId: wave!.id, consultation, members, sent, draft, invitationIds };
}

test("DP-03: a citizens' panel wave's responses are detached from the members 12 months after its consultation closed; the answers and response rate stay; a newer and a held wave keep theirs", async () => {
  const officer = await accountFor(t, 'authority_officer');
  // Today is 23 November 2026: closed 1 October 2025, its 12 months ended 1 October 2026.
  const old = await panelWave('2025-10-01');
  const recent = await panelWave('2026-06-01');
  const held = await panelWave('2025-09-01');
  await holdRecord('consultation.panel-responses', held.waveId);
  const responseOf = async (id: string) =>
    (await t.services.db.select().from(responses).where(eq(responses.id, id)))[0];

  await t.services.retentionSweep.run();
  const [warning] = await warningsTo(officer.email, old.waveId);
  assert.ok(warning, 'the authority officers are warned');
  assert.match(warning.subject, /Citizens’ panel responses/);
  assert.doesNotMatch(warning.bodyText, new RegExp(old.members[0]!.fullName));
  assert.equal((await responseOf(old.sent.id))!.invitationId, old.invitationIds[0]);
  assert.equal((await warningsTo(officer.email, recent.waveId)).length, 0);
  assert.equal((await warningsTo(officer.email, held.waveId)).length, 0);

  t.clock.advanceMinutes(31 * DAY);
  await t.services.retentionSweep.run();
  const gone = await responseOf(old.sent.id);
  assert.equal(gone!.invitationId, null, 'no longer linked to the member');
  assert.equal(gone!.contactEmail, null);
  assert.equal(gone!.addressHash, null);
  assert.ok(gone!.anonymisedAt);
  assert.ok(gone!.submittedAt, 'still a sent response, counted');
  assert.ok(gone!.boroughId, 'its borough stays for the analysis');
  const kept = await t.services.db
    .select()
    .from(answers)
    .where(eq(answers.responseId, old.sent.id));
  assert.equal(kept.length, 2, 'the answers stay');
  assert.equal(
    (
      await t.services.db
        .select()
        .from(responseMonitoring)
        .where(eq(responseMonitoring.responseId, old.sent.id))
    ).length,
    0,
  );
  assert.equal(await responseOf(old.draft.id), undefined, 'a draft never sent is deleted');
  const rate = await t.services.db
    .select({ responded: invitations.responded })
    .from(invitations)
    .where(inArray(invitations.id, old.invitationIds));
  assert.deepEqual(
    rate.map((r) => r.responded).sort(),
    [false, true],
    'the response rate reads the same',
  );
  assert.equal((await responseOf(recent.sent.id))!.invitationId, recent.invitationIds[0]);
  assert.equal((await responseOf(held.sent.id))!.invitationId, held.invitationIds[0]);
  assert.ok(await responseOf(held.draft.id));
  await auditSaid(
    'consultation.panel-responses',
    'anonymised',
    new RegExp(`${old.waveId}|Panel Member|example\\.org|hash-of`),
  );
});

// ---- Freedom of Information requesters (foi) ----

let foiCount = 0;
async function foiRequest(stages: {
  answeredOn: string;
  reviewRequestedOn?: string;
  reviewDecidedOn?: string;
  complaintMadeOn?: string;
  complaintDecidedOn?: string;
}) {
  foiCount++;
  const [row] = await t.services.db
    .insert(foiRequests)
    .values({
      receivedAt: new Date('2022-01-10T10:00:00Z'),
      receivedOn: '2022-01-10',
      requesterName: `Fiona Requester ${foiCount}`,
      requesterContact: `fiona.${foiCount}@example.org`,
      channel: 'email',
      asked: 'How many advisory group meetings were held in 2021?',
      answeredOn: stages.answeredOn,
      onTime: true,
      answerNote: 'Twelve meetings were held.',
      reviewRequestedOn: stages.reviewRequestedOn ?? null,
      reviewDecidedOn: stages.reviewDecidedOn ?? null,
      reviewOutcome: stages.reviewDecidedOn ? 'upheld' : null,
      complaintMadeOn: stages.complaintMadeOn ?? null,
      complaintDecidedOn: stages.complaintDecidedOn ?? null,
      complaintOutcome: stages.complaintDecidedOn ? 'upheld' : null,
      publicSummary: 'Meetings held in 2021',
      publishedAt: new Date(`${stages.answeredOn}T12:00:00Z`),
    })
    .returning({ id: foiRequests.id });
  return row!.id;
}

const foiOf = async (id: string) =>
  (await t.services.db.select().from(foiRequests).where(eq(foiRequests.id, id)))[0]!;

test("DP-03: an FOI requester's name and contact are anonymised 36 months after the request's last stage closed; the request and answer stay; an open review, a later complaint decision and a held request keep them", async () => {
  const unitEmail = (await accountFor(t, 'coordination_unit')).email;
  // Answered 1 October 2023: its 36 months ended 1 October 2026.
  const closed = await foiRequest({ answeredOn: '2023-10-01' });
  const underReview = await foiRequest({
    answeredOn: '2022-02-01',
    reviewRequestedOn: '2022-03-01',
  });
  const complaint = await foiRequest({
    answeredOn: '2022-02-01',
    complaintMadeOn: '2023-01-01',
    complaintDecidedOn: '2024-06-01',
  });
  const held = await foiRequest({ answeredOn: '2023-06-01' });
  await holdRecord('foi.requesters', held);

  await t.services.retentionSweep.run();
  const [warning] = await warningsTo(unitEmail, closed);
  assert.ok(warning, 'the coordination unit is warned');
  assert.match(warning.subject, /Requesters’ details on Freedom of Information requests/);
  assert.doesNotMatch(warning.bodyText, /Fiona/);
  assert.equal((await foiOf(closed)).requesterName, 'Fiona Requester 1');
  for (const id of [underReview, complaint, held])
    assert.equal((await warningsTo(unitEmail, id)).length, 0, id);

  t.clock.advanceMinutes(31 * DAY);
  await t.services.retentionSweep.run();
  const gone = await foiOf(closed);
  assert.equal(gone.requesterName, '');
  assert.equal(gone.requesterContact, '');
  assert.equal(gone.asked, 'How many advisory group meetings were held in 2021?');
  assert.equal(gone.answeredOn, '2023-10-01');
  assert.equal(gone.answerNote, 'Twelve meetings were held.');
  assert.ok(gone.publishedAt, 'still in the disclosure log');
  for (const id of [underReview, complaint, held])
    assert.match((await foiOf(id)).requesterName, /^Fiona Requester/, id);

  // Signed in now: a session from before the clock moved has run out.
  const unit = await signInAsRole(t, 'coordination_unit');
  const page = textOf((await unit.get(`/foi-requests/${closed}`)).body);
  assert.match(page, /Requester’s name\s+Removed under the retention schedule/);
  assert.doesNotMatch(page, /Fiona/);
  await auditSaid('foi.requesters', 'anonymised', new RegExp(`${closed}|Fiona|example\\.org`));
});

// ---- Subject access archives (information rights) ----

async function answeredRequest(answeredAt: string) {
  const person = await makePerson(t, { fullName: 'Sally Subject' });
  const logger = await accountFor(t, 'coordination_unit');
  const file = await t.services.files.put(Buffer.from('Everything about Sally Subject'));
  const [row] = await t.services.db
    .insert(subjectAccessRequests)
    .values({
      personId: person.id,
      receivedOn: answeredAt.slice(0, 10),
      dueOn: answeredAt.slice(0, 10),
      loggedBy: logger.userId,
      loggedAt: new Date(answeredAt),
      identityMethod: 'Passport seen',
      identityCheckedBy: logger.userId,
      identityCheckedAt: new Date(answeredAt),
      answeredAt: new Date(answeredAt),
      answeredBy: logger.userId,
      archiveStorageKey: file.key,
      archiveSizeBytes: file.sizeBytes,
      archiveSha256: file.sha256,
    })
    .returning({ id: subjectAccessRequests.id });
  return { id: row!.id, personId: person.id, file };
}

const sarOf = async (id: string) =>
  (
    await t.services.db.select().from(subjectAccessRequests).where(eq(subjectAccessRequests.id, id))
  )[0]!;

test("DP-03: a subject access archive's file is deleted 12 months after the answer; the register keeps its size and checksum; a newer one and a held person's stay", async () => {
  const unitEmail = (await accountFor(t, 'coordination_unit')).email;
  const old = await answeredRequest('2025-10-01T12:00:00Z');
  const recent = await answeredRequest('2026-06-01T12:00:00Z');
  const held = await answeredRequest('2025-09-01T12:00:00Z');
  await t.services.retention.placeHold(await adminPrincipal(), {
    on: 'person',
    personId: held.personId,
    reason: 'A complaint to the Information Commissioner',
    requestedBy: 'ICO case IC-123',
  });

  await t.services.retentionSweep.run();
  const [warning] = await warningsTo(unitEmail, old.id);
  assert.ok(warning, 'the coordination unit is warned');
  assert.doesNotMatch(warning.bodyText, /Sally/);
  assert.equal((await sarOf(old.id)).archiveStorageKey, old.file.key);

  t.clock.advanceMinutes(31 * DAY);
  await t.services.retentionSweep.run();
  const gone = await sarOf(old.id);
  assert.equal(gone.archiveStorageKey, null);
  assert.equal(gone.archiveSizeBytes, old.file.sizeBytes);
  assert.equal(gone.archiveSha256, old.file.sha256);
  assert.ok(gone.answeredAt);
  await assert.rejects(t.services.files.read(old.file.key));
  assert.equal((await sarOf(recent.id)).archiveStorageKey, recent.file.key);
  assert.equal((await sarOf(held.id)).archiveStorageKey, held.file.key);
  assert.match((await t.services.files.read(held.file.key)).toString(), /Sally Subject/);

  const unit = await signInAsRole(t, 'coordination_unit');
  const page = await unit.get(`/information-rights/subject-access/${old.id}`);
  const text = textOf(page.body);
  assert.match(text, /deleted under the retention schedule/);
  assert.match(text, new RegExp(`${old.file.sizeBytes} bytes`));
  assert.match(text, new RegExp(old.file.sha256));
  assert.equal(
    (await unit.get(`/information-rights/subject-access/${old.id}/archive.zip`)).statusCode,
    404,
  );
  await auditSaid('information-rights.archives', 'deleted', new RegExp(`${old.id}|Sally`));
});

// ---- Declined custody visitor applications (custody visiting) ----

let applicationCount = 0;
async function visitorApplication(decidedAt: string, status: 'declined' | 'invited' = 'declined') {
  applicationCount++;
  const [row] = await t.services.db
    .insert(custodyVisitorApplications)
    .values({
      fullName: `Vera Applicant ${applicationCount}`,
      email: `vera.${applicationCount}@example.org`,
      phone: '07700 900456',
      area: 'Lambeth',
      reasons: 'I want to help my community',
      declaredOn: '2025-01-01',
      status,
      declineReason: status === 'declined' ? 'Works for the police' : null,
      decidedAt: new Date(decidedAt),
      createdAt: new Date('2025-01-01T10:00:00Z'),
    })
    .returning({ id: custodyVisitorApplications.id });
  return row!.id;
}

const applicationOf = async (id: string) =>
  (
    await t.services.db
      .select()
      .from(custodyVisitorApplications)
      .where(eq(custodyVisitorApplications.id, id))
  )[0]!;

test('DP-03: a declined custody visitor application is anonymised 12 months after the decision; its area and status stay; a newer, an invited and a held one keep theirs', async () => {
  const manager = await accountFor(t, 'scheme_manager');
  const old = await visitorApplication('2025-10-01T10:00:00Z');
  const recent = await visitorApplication('2026-06-01T10:00:00Z');
  const invited = await visitorApplication('2024-01-01T10:00:00Z', 'invited');
  const held = await visitorApplication('2025-09-01T10:00:00Z');
  await holdRecord('custody-visiting.declined-applications', held);

  await t.services.retentionSweep.run();
  const [warning] = await warningsTo(manager.email, old);
  assert.ok(warning, 'the scheme managers are warned');
  assert.match(warning.subject, /Declined applications to be a custody visitor/);
  assert.doesNotMatch(warning.bodyText, /Vera/);
  assert.match((await applicationOf(old)).fullName, /^Vera/);

  t.clock.advanceMinutes(31 * DAY);
  await t.services.retentionSweep.run();
  const gone = await applicationOf(old);
  assert.equal(gone.fullName, '');
  assert.equal(gone.email, '');
  assert.equal(gone.phone, null);
  assert.equal(gone.reasons, '');
  assert.equal(gone.declineReason, null);
  assert.equal(gone.area, 'Lambeth', 'the statistics still count it by area');
  assert.equal(gone.status, 'declined');
  for (const id of [recent, invited, held])
    assert.match((await applicationOf(id)).fullName, /^Vera/, id);

  const manage = await signInAsRole(t, 'scheme_manager');
  const page = textOf((await manage.get(`/custody-visiting/applications/${old}`)).body);
  assert.match(page, /Removed under the retention schedule/);
  assert.doesNotMatch(page, /Vera|Works for the police/);
  await auditSaid(
    'custody-visiting.declined-applications',
    'anonymised',
    new RegExp(`${old}|Vera|example\\.org|07700`),
  );
});

test('DP-03: the schedule lists the new kinds with their periods, triggers and what is done', async () => {
  const text = textOf((await admin.get('/admin/retention')).body);
  for (const row of [
    /Citizens’ panel responses \(who answered what\)\s+The day the wave's consultation closed \(or was closed early\)\s+12 months\s+12 months\s+anonymised/,
    /Requesters’ details on Freedom of Information requests\s+The day the request's last stage closed[^\n]*?\s+36 months\s+36 months\s+anonymised/,
    /Archives sent in answer to subject access requests\s+The day the request was answered\s+12 months\s+12 months\s+deleted/,
    /Declined applications to be a custody visitor\s+The day the application was declined\s+12 months\s+12 months\s+anonymised/,
  ])
    assert.match(text, row);
  assert.match(text, /Code of Practice \(section 46, Freedom of Information Act 2000\)/);
  assert.match(text, /UK GDPR Article 5\(1\)\(c\) and \(e\)/);
});
