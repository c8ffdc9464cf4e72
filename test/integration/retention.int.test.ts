import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import { and, eq, inArray, like, ne } from 'drizzle-orm';
import {
  applications,
  clearances,
  diversityAnswers,
  recruitmentRounds,
} from '../../src/modules/groups/schema.js';
import { custodyVisitReportDetainees } from '../../src/modules/custody-visiting/reports/schema.js';
import { expenseClaims, expenseItems } from '../../src/modules/expenses/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import {
  retentionActions,
  retentionHolds,
  retentionPeriods,
  retentionWarnings,
} from '../../src/platform/retention/schema.js';
import { RETENTION_BATCH } from '../../src/platform/retention/sweep.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { accountFor, signInAsRole } from '../factories/accounts.js';
import { makeSentReport, makeVisitingPair } from '../factories/custody-reports.js';
import { makePerson, referenceOrganisationId } from '../factories/directory.js';
import { insertMembership, makeGroup } from '../factories/groups.js';
import { errorSummaryOf } from '../error-summary.js';
import { textOf } from '../html.js';

let t: TestApp;
let admin: Agent;
let coordinator: Agent;
let coordinatorEmail: string;
let groupId: string;
let roundId: string;

before(async () => {
  t = await createTestApp({ demo: false });
  admin = await signInAsRole(t, 'administrator');
  coordinator = await signInAsRole(t, 'coordination_unit');
  coordinatorEmail = (await accountFor(t, 'coordination_unit')).email;
  groupId = (await makeGroup(t)).id;
  const [round] = await t.services.db
    .insert(recruitmentRounds)
    .values({
      groupId,
      opensOn: '2025-01-01',
      closesOn: '2025-02-01',
      appointmentDate: '2025-04-01',
      targetAudiences: 'Everyone',
    })
    .returning({ id: recruitmentRounds.id });
  roundId = round!.id;
});
afterEach(() => t.clock.reset());
after(() => t.close());

const DAY = 24 * 60;
let n = 0;
async function unsuccessfulApplication(
  decidedAt: string,
  status: 'not_recommended' | 'declined' = 'not_recommended',
) {
  n++;
  const [row] = await t.services.db
    .insert(applications)
    .values({
      roundId,
      fullName: `Rejected Applicant ${n}`,
      email: `rejected.${n}@example.org`,
      phone: '07700 900123',
      dateOfBirth: '1990-01-01',
      communities: 'Tenants in Lewisham',
      statement: 'My statement',
      independenceConfirmed: true,
      principlesConfirmed: true,
      status,
      decisionReason: 'Not enough experience',
      decidedAt: new Date(decidedAt),
    })
    .returning({ id: applications.id });
  return row!.id;
}

const applicationOf = async (id: string) =>
  (await t.services.db.select().from(applications).where(eq(applications.id, id)))[0]!;

async function warningsTo(address: string, recordId: string) {
  return t.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), like(outbox.bodyText, `%${recordId}%`)));
}

test('DP-03: an unsuccessful application past 12 months is warned about, then anonymised; one inside the period and a held one stay', async () => {
  // Today is 23 November 2026: decided 1 October 2025 ended 1 October 2026.
  const old = await unsuccessfulApplication('2025-10-01T10:00:00Z');
  const recent = await unsuccessfulApplication('2026-06-01T10:00:00Z');
  const held = await unsuccessfulApplication('2025-09-01T10:00:00Z', 'declined');
  await t.services.retention.placeHold(await adminPrincipal(), {
    on: 'record',
    kindKey: 'groups.unsuccessful-applications',
    recordId: held,
    reason: 'The applicant complained about the decision',
    requestedBy: 'Complaint C-2026-14',
  });

  await t.services.retentionSweep.run();
  // Warned, not yet removed: the owner is told the warning period before.
  assert.equal((await applicationOf(old)).fullName, 'Rejected Applicant 1');
  const [warning] = await warningsTo(coordinatorEmail, old);
  assert.ok(warning, 'the coordination unit is warned');
  assert.match(warning.subject, /Unsuccessful applications to join a group/);
  // Its period ended on 1 October, before anyone was told: the day given is the day it can go,
  // the warning period after the warning, not a day already past.
  assert.match(warning.bodyText, /2026-12-23/);
  assert.doesNotMatch(warning.bodyText, /2026-10-01/);
  assert.doesNotMatch(warning.bodyText, /Rejected Applicant/);
  assert.equal((await warningsTo(coordinatorEmail, recent)).length, 0);
  assert.equal((await warningsTo(coordinatorEmail, held)).length, 0);

  // The next day's run sends no second warning.
  t.clock.advanceMinutes(DAY);
  await t.services.retentionSweep.run();
  assert.equal((await warningsTo(coordinatorEmail, old)).length, 1);

  t.clock.advanceMinutes(30 * DAY);
  await t.services.retentionSweep.run();
  const gone = await applicationOf(old);
  assert.equal(gone.fullName, '');
  assert.equal(gone.email, old);
  assert.equal(gone.phone, null);
  assert.equal(gone.dateOfBirth, null);
  assert.equal(gone.statement, '');
  assert.equal(gone.decisionReason, null);
  assert.equal(gone.status, 'not_recommended', 'the outcome stays, counted');
  // The pages say what was removed, rather than an empty heading or link (or the id that keeps
  // the address column unique). Read by someone signed in now: the others' sessions are a month
  // old by this clock.
  const reader = await signInAsRole(t, 'coordination_unit');
  const page = textOf(
    (await reader.get(`/groups/${groupId}/recruitment/${roundId}/applications/${old}`)).body,
  );
  assert.match(page, /Removed under the retention schedule/);
  assert.doesNotMatch(page, new RegExp(old));
  const round = textOf((await reader.get(`/groups/${groupId}/recruitment/${roundId}`)).body);
  assert.match(round, /Removed under the retention schedule/);
  assert.equal((await applicationOf(recent)).fullName, 'Rejected Applicant 2');
  assert.equal((await applicationOf(held)).fullName, 'Rejected Applicant 3');

  const [event] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'retention.anonymised'),
        eq(auditEvents.recordId, 'groups.unsuccessful-applications'),
      ),
    );
  assert.ok(event);
  const said = JSON.stringify(event.after);
  assert.match(said, /"kind":"groups.unsuccessful-applications"/);
  // Not even the record's id: for some kinds it would say whose records were removed.
  assert.doesNotMatch(said, new RegExp(old));
  assert.doesNotMatch(said, /Rejected|example\.org|07700|1990/);
});

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

test('DP-03, DP-01: monitoring answers are deleted once every membership has ended and the period run; a current member keeps theirs', async () => {
  const left = await makePerson(t);
  const member = await makePerson(t);
  const heldPerson = await makePerson(t);
  await insertMembership(t, groupId, left.id, { startsOn: '2024-01-01', leftOn: '2026-01-15' });
  await insertMembership(t, groupId, heldPerson.id, {
    startsOn: '2024-01-01',
    leftOn: '2026-01-15',
  });
  await insertMembership(t, groupId, member.id, { startsOn: '2025-01-01' });
  await t.services.db
    .insert(diversityAnswers)
    .values(
      [left, member, heldPerson].map((p) => ({ personId: p.id, ethnicity: null, ageBand: null })),
    );
  await t.services.retention.placeHold(await adminPrincipal(), {
    on: 'person',
    personId: heldPerson.id,
    reason: 'Subject access request in hand',
    requestedBy: 'SAR-2026-3',
  });
  await t.services.retentionSweep.run();
  t.clock.advanceMinutes(31 * DAY);
  await t.services.retentionSweep.run();
  const kept = await t.services.db
    .select({ personId: diversityAnswers.personId })
    .from(diversityAnswers)
    .where(inArray(diversityAnswers.personId, [left.id, member.id, heldPerson.id]));
  assert.deepEqual(kept.map((k) => k.personId).sort(), [member.id, heldPerson.id].sort());
});

test('DP-03: two sweeps at once warn and anonymise each record once', async () => {
  const ids = [
    await unsuccessfulApplication('2025-08-01T10:00:00Z'),
    await unsuccessfulApplication('2025-08-02T10:00:00Z'),
  ];
  await Promise.all([t.services.retentionSweep.run(), t.services.retentionSweep.run()]);
  for (const id of ids) assert.equal((await warningsTo(coordinatorEmail, id)).length, 1, id);
  t.clock.advanceMinutes(30 * DAY);
  const before = await t.services.db.select().from(retentionActions);
  const results = await Promise.all([
    t.services.retentionSweep.run(),
    t.services.retentionSweep.run(),
  ]);
  const after = await t.services.db.select().from(retentionActions);
  const fresh = after.filter((a) => !before.some((b) => b.id === a.id));
  assert.equal(fresh.filter((a) => a.kindKey === 'groups.unsuccessful-applications').length, 1);
  assert.equal(
    results.reduce((sum, r) => sum + r.removed, 0),
    fresh.reduce((sum, a) => sum + a.records, 0),
  );
  for (const id of ids) assert.equal((await applicationOf(id)).fullName, '');
  const left = await t.services.db
    .select()
    .from(retentionWarnings)
    .where(inArray(retentionWarnings.recordId, ids));
  assert.equal(left.length, 0, 'a removed record is no longer listed as warned');
});

test('DP-03: the administrator changes a period; a bad period names its field and writes nothing; others get 403 and no link', async () => {
  const home = await coordinator.get('/');
  assert.doesNotMatch(home.body, /\/admin\/retention/);
  assert.equal((await coordinator.get('/admin/retention')).statusCode, 403);
  const kindPath = '/admin/retention/kinds/groups.monitoring-answers';
  assert.equal((await coordinator.get(kindPath)).statusCode, 403);
  assert.equal(
    (await coordinator.post(kindPath, { count: '6', unit: 'months', version: '0' })).statusCode,
    403,
  );

  assert.match((await admin.get('/')).body, /href="\/admin\/retention"/);
  const page = await admin.get('/admin/retention');
  assert.equal(page.statusCode, 200);
  const text = textOf(page.body);
  assert.match(text, /Members’ equality monitoring answers|Members' equality monitoring answers/);
  assert.match(text, /Unsuccessful applications to join a group/);

  await admin.get(kindPath);
  const bad = await admin.post(kindPath, { count: 'six', unit: 'months', version: '0' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(errorSummaryOf(bad.body).targets, ['count']);
  assert.match(errorSummaryOf(bad.body).messages[0]!, /whole number/);
  const badUnit = await admin.post(kindPath, { count: '6', unit: 'years', version: '0' });
  assert.deepEqual(errorSummaryOf(badUnit.body).targets, ['unit']);
  assert.equal((await t.services.db.select().from(retentionPeriods)).length, 0);

  const saved = await admin.post(kindPath, { count: '6', unit: 'months', version: '0' });
  assert.equal(saved.statusCode, 303);
  const after = textOf((await admin.get('/admin/retention')).body);
  assert.match(after, /3 months\s+6 months\s+changed/);
  const stale = await admin.post(kindPath, { count: '7', unit: 'months', version: '0' });
  assert.equal(stale.statusCode, 409);
  const [row] = await t.services.db.select().from(retentionPeriods);
  assert.deepEqual([row!.count, row!.unit], [6, 'months']);
  const [event] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'retention.period-changed'));
  assert.deepEqual(event!.before, { count: 3, unit: 'months' });
  assert.deepEqual(event!.after, { count: 6, unit: 'months' });
  // Back to the default, for the other tests.
  await admin.post(kindPath, { count: '3', unit: 'months', version: '1' });
});

test('DP-03: a hold needs its reason and who asked; what was done downloads as CSV', async () => {
  await admin.get('/admin/retention/holds/new');
  const bad = await admin.post('/admin/retention/holds/new', { on: 'record', recordId: 'x' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(errorSummaryOf(bad.body).targets.sort(), [
    'kindKey',
    'reason',
    'recordId',
    'requestedBy',
  ]);
  const csv = await admin.get('/admin/retention/done.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(csv.body, /When,Kind key,Kind of record,Done,Records/);
  assert.equal((await coordinator.get('/admin/retention/done.csv')).statusCode, 403);
});

async function paidClaimWithReceipt(paidAt: string) {
  const claimant = await makePerson(t);
  const [claim] = await t.services.db
    .insert(expenseClaims)
    .values({
      claimantPersonId: claimant.id,
      groupId,
      occasion: 'other',
      occasionText: 'Group meeting',
      status: 'paid',
      claimedPence: 1250,
      approvedPence: 1250,
      createdAt: new Date(paidAt),
      paidAt: new Date(paidAt),
    })
    .returning({ id: expenseClaims.id });
  const file = await t.services.files.put(Buffer.from('A train ticket for Ann Claimant'));
  await t.services.db.insert(expenseItems).values({
    claimId: claim!.id,
    category: 'public_transport',
    incurredOn: paidAt.slice(0, 10),
    description: 'Train to the meeting',
    claimedPence: 1250,
    approvedPence: 1250,
    receiptFileName: 'ticket.pdf',
    receiptMediaType: 'application/pdf',
    receiptSizeBytes: file.sizeBytes,
    receiptSha256: file.sha256,
    receiptStorageKey: file.key,
    createdAt: new Date(paidAt),
  });
  return { claimId: claim!.id, key: file.key, personId: claimant.id };
}

const receiptOf = async (claimId: string) =>
  (await t.services.db.select().from(expenseItems).where(eq(expenseItems.claimId, claimId)))[0]!;

test("DP-03: receipts are deleted six years after the claim was paid; a newer one and a held claimant's stay, and the claim stays", async () => {
  const old = await paidClaimWithReceipt('2020-06-01T12:00:00Z');
  const recent = await paidClaimWithReceipt('2021-06-01T12:00:00Z');
  const held = await paidClaimWithReceipt('2020-05-01T12:00:00Z');
  await t.services.retention.placeHold(await adminPrincipal(), {
    on: 'person',
    personId: held.personId,
    reason: 'Fraud investigation',
    requestedBy: 'Case 2026/88',
  });
  await t.services.retentionSweep.run();
  assert.equal((await receiptOf(old.claimId)).receiptStorageKey, old.key, 'warned first');
  t.clock.advanceMinutes(30 * DAY);
  await t.services.retentionSweep.run();
  const gone = await receiptOf(old.claimId);
  assert.equal(gone.receiptStorageKey, null);
  assert.equal(gone.receiptFileName, null);
  assert.equal(gone.approvedPence, 1250, 'the payment stays on the record');
  await assert.rejects(t.services.files.read(old.key));
  assert.equal((await receiptOf(recent.claimId)).receiptStorageKey, recent.key);
  assert.equal((await receiptOf(held.claimId)).receiptStorageKey, held.key);
  assert.match((await t.services.files.read(held.key)).toString(), /train ticket/);
});

test("DP-03: a custody visit report's detainee details are anonymised two years after the visit; the counts stay; a newer and a held report keep theirs", async () => {
  const pair = await makeVisitingPair(t);
  const old = await makeSentReport(t, pair, {
    submittedAt: '2024-06-01T20:00:00Z',
    recordNumbers: ['01AB/1001/24', '01AB/1002/24'],
  });
  const recent = await makeSentReport(t, pair, {
    submittedAt: '2025-06-01T20:00:00Z',
    recordNumbers: ['01AB/2001/25'],
  });
  const held = await makeSentReport(t, pair, {
    submittedAt: '2024-05-01T20:00:00Z',
    recordNumbers: ['01AB/3001/24'],
  });
  await t.services.retention.placeHold(await adminPrincipal(), {
    on: 'record',
    kindKey: 'custody-visiting.detainee-details',
    recordId: held.id,
    reason: 'A complaint by the detainee',
    requestedBy: 'Complaint 2026/19',
  });
  const detainees = (reportId: string) =>
    t.services.db
      .select()
      .from(custodyVisitReportDetainees)
      .where(eq(custodyVisitReportDetainees.reportId, reportId));
  // Nobody is warned while the scheme has no manager, so nothing can be removed yet.
  await t.services.retentionSweep.run();
  t.clock.advanceMinutes(30 * DAY);
  await t.services.retentionSweep.run();
  assert.equal((await detainees(old.id))[0]!.custodyRecordNumber.startsWith('01AB/'), true);
  await accountFor(t, 'scheme_manager');
  await t.services.retentionSweep.run();
  assert.equal((await detainees(old.id))[0]!.custodyRecordNumber.startsWith('01AB/'), true);
  t.clock.advanceMinutes(30 * DAY);
  await t.services.retentionSweep.run();
  const gone = await detainees(old.id);
  assert.equal(gone.length, 2, 'each detainee is still counted');
  for (const d of gone) {
    assert.match(d.custodyRecordNumber, /^removed:/);
    assert.equal(d.seen, true);
  }
  assert.equal((await detainees(recent.id))[0]!.custodyRecordNumber, '01AB/2001/25');
  assert.equal((await detainees(held.id))[0]!.custodyRecordNumber, '01AB/3001/24');
});

test('DP-03: a lapsed clearance is deleted 12 months after it lapsed; a current one and a held person’s stay', async () => {
  const organisation = await referenceOrganisationId(t, 'E09000007');
  const person = await makePerson(t);
  const heldPerson = await makePerson(t);
  const clearance = async (personId: string, expiresOn: string, withdrawnOn?: string) =>
    (
      await t.services.db
        .insert(clearances)
        .values({
          personId,
          level: 'nppv2',
          grantedOn: '2020-01-01',
          expiresOn,
          withdrawnOn: withdrawnOn ?? null,
          requiredById: organisation,
        })
        .returning({ id: clearances.id })
    )[0]!.id;
  // Withdrawn 1 March 2025 (before it would have expired): lapsed then.
  const lapsed = await clearance(person.id, '2030-01-01', '2025-03-01');
  const current = await clearance(person.id, '2030-01-01');
  const held = await clearance(heldPerson.id, '2025-01-01');
  await t.services.retention.placeHold(await adminPrincipal(), {
    on: 'person',
    personId: heldPerson.id,
    reason: 'Vetting appeal',
    requestedBy: 'Case V-7',
  });
  await t.services.retentionSweep.run();
  t.clock.advanceMinutes(30 * DAY);
  await t.services.retentionSweep.run();
  const left = await t.services.db
    .select({ id: clearances.id })
    .from(clearances)
    .where(inArray(clearances.id, [lapsed, current, held]));
  assert.deepEqual(left.map((c) => c.id).sort(), [current, held].sort());
});

test('DP-03: a hold on a person the directory does not know is refused by its field, and nothing is written', async () => {
  await admin.get('/admin/retention/holds/new');
  const before = await t.services.db.select().from(retentionHolds);
  const unknown = await admin.post('/admin/retention/holds/new', {
    on: 'person',
    personId: randomUUID(),
    reason: 'Subject access request in hand',
    requestedBy: 'SAR-2026-9',
  });
  assert.equal(unknown.statusCode, 400);
  const summary = errorSummaryOf(unknown.body);
  assert.deepEqual(summary.targets, ['personId']);
  assert.match(summary.messages[0]!, /no person with that identifier in the directory/);
  assert.equal((await t.services.db.select().from(retentionHolds)).length, before.length);
  // A person the directory knows is held.
  const known = await makePerson(t);
  const placed = await admin.post('/admin/retention/holds/new', {
    on: 'person',
    personId: known.id.toUpperCase(),
    reason: 'Subject access request in hand',
    requestedBy: 'SAR-2026-9',
  });
  assert.equal(placed.statusCode, 303);
  const [hold] = await t.services.db
    .select()
    .from(retentionHolds)
    .where(eq(retentionHolds.personId, known.id));
  assert.ok(hold);
  await t.services.retention.liftHold(await adminPrincipal(), hold.id);
});

test('DP-03: lifting a hold lets the next run act again: the owner is warned afresh, then the record is anonymised', async () => {
  const id = await unsuccessfulApplication('2025-10-01T10:00:00Z');
  await t.services.retentionSweep.run();
  assert.equal((await warningsTo(coordinatorEmail, id)).length, 1, 'warned before the hold');
  const holdId = await t.services.retention.placeHold(await adminPrincipal(), {
    on: 'record',
    kindKey: 'groups.unsuccessful-applications',
    recordId: id,
    reason: 'The applicant complained',
    requestedBy: 'Complaint C-2026-20',
  });
  // Held past its day: untouched, and the warning given before the hold no longer stands.
  t.clock.advanceMinutes(31 * DAY);
  await t.services.retentionSweep.run();
  assert.match((await applicationOf(id)).fullName, /^Rejected Applicant/);
  const warned = () =>
    t.services.db
      .select()
      .from(retentionWarnings)
      .where(
        and(
          eq(retentionWarnings.kindKey, 'groups.unsuccessful-applications'),
          eq(retentionWarnings.recordId, id),
        ),
      );
  assert.equal((await warned()).length, 0);

  await t.services.retention.liftHold(await adminPrincipal(), holdId);
  await t.services.retentionSweep.run();
  assert.equal((await warningsTo(coordinatorEmail, id)).length, 2, 'warned again on the next run');
  assert.match((await applicationOf(id)).fullName, /^Rejected Applicant/, 'not yet removed');
  t.clock.advanceMinutes(30 * DAY);
  await t.services.retentionSweep.run();
  assert.equal((await applicationOf(id)).fullName, '');
});

test('DP-03: a backlog larger than a batch is worked through: records waiting after their warning do not keep the next from being warned', async () => {
  // 200 (a batch) decided on 10 December 2025: warned today, their day 23 December.
  const waiting = await t.services.db
    .insert(applications)
    .values(
      Array.from({ length: RETENTION_BATCH }, (_, i) => ({
        roundId,
        fullName: `Backlog Applicant ${i}`,
        email: `backlog.${i}@example.org`,
        communities: 'Tenants',
        statement: 'A statement',
        independenceConfirmed: true,
        principlesConfirmed: true,
        status: 'declined' as const,
        decidedAt: new Date('2025-12-10T10:00:00Z'),
      })),
    )
    .returning({ id: applications.id });
  const next = await unsuccessfulApplication('2025-12-20T10:00:00Z');
  await t.services.retentionSweep.run();
  t.clock.advanceMinutes(DAY);
  await t.services.retentionSweep.run();
  assert.equal((await warningsTo(coordinatorEmail, next)).length, 1, 'warned on the next run');
  // Both their days come; every one of them is anonymised.
  t.clock.advanceMinutes(40 * DAY);
  await t.services.retentionSweep.run();
  await t.services.retentionSweep.run();
  const left = await t.services.db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        inArray(applications.id, [...waiting.map((w) => w.id), next]),
        ne(applications.fullName, ''),
      ),
    );
  assert.equal(left.length, 0);
});
