/**
 * Issue 28 part 5: requests to erase or correct, through the pages: logged (due a month after
 * receipt), extended, decided with reasons, an erasure carried out in every module at once with
 * the counts on the request's page, a correction closed with what was corrected; and the
 * refusals: the wrong role (no link, 403), bad input naming its field, a stale form, an erasure
 * not agreed, carried out twice, or of a person (or a record of theirs) under a legal hold, each
 * changing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { custodyVisitorApplications } from '../../src/modules/custody-visiting/applications/schema.js';
import { people } from '../../src/modules/directory/schema.js';
import { applications, recruitmentRounds } from '../../src/modules/groups/schema.js';
import {
  erasureRequests,
  subjectAccessRequests,
} from '../../src/modules/information-rights/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { users } from '../../src/platform/auth/schema.js';
import { createTestApp, dateFields, groupIdByCode, type Agent, type TestApp } from '../app.js';
import { accountFor, signInNewAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeExpenseClaim } from '../factories/expenses.js';
import { makeMember } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';
import { mainOf, textOf } from '../html.js';

let t: TestApp;
let unit: Agent;
let race: string;
let meetingId: string;

const text = (html: string) => textOf(mainOf(html));
const BASE = '/information-rights/erasure-and-correction';

before(async () => {
  t = await createTestApp({ demo: false });
  unit = await signInNewAccount(t, 'coordination_unit');
  race = await groupIdByCode(t, 'iag-race');
  meetingId = (await makeMeeting(t, race, { title: 'Race IAG on custody', date: '2026-11-02' })).id;
});
after(() => t.close());

const member = (name: string) => makeMember(t, race, { name, startsOn: '2026-10-01' });

const requestsOf = (personId: string) =>
  t.services.db.select().from(erasureRequests).where(eq(erasureRequests.personId, personId));

const auditOf = (action: string) =>
  t.services.db.select().from(auditEvents).where(eq(auditEvents.action, action));

/** Logs a request through the page; its address. */
async function logged(
  person: FactoryAccount,
  kind: 'erase' | 'correct',
  asked: string,
  receivedOn = '2026-11-02',
) {
  const res = await unit.post(`${BASE}/new`, {
    personId: person.personId,
    kind,
    asked,
    ...dateFields('receivedOn', receivedOn),
  });
  assert.equal(res.statusCode, 303, text(res.body));
  return res.headers.location as string;
}

async function decided(url: string, decision: string, reasons: string, version = '1') {
  const res = await unit.post(`${url}/decide`, { version, decision, reasons });
  assert.equal(res.statusCode, 303, text(res.body));
}

async function placeHold(input: Record<string, string>) {
  const admin = await accountFor(t, 'administrator');
  return t.services.retention.placeHold(
    {
      kind: 'user',
      userId: admin.userId,
      displayName: 'Admin',
      email: admin.email,
      roles: [{ role: 'administrator', scopeType: null, scopeId: null }],
    },
    { reason: 'A complaint about the group', requestedBy: 'Complaint C-2026-9', ...input },
  );
}

test('Issue 28 part 5: only the coordination unit and administrators see the register; others get no link and a refusal', async () => {
  const person = await member('Rowan Ashgrove');
  const officer = await signInNewAccount(t, 'authority_officer');
  assert.doesNotMatch((await officer.get('/')).body, /erasure-and-correction/);
  assert.equal((await officer.get(BASE)).statusCode, 403);
  const refused = await officer.post(`${BASE}/new`, {
    personId: person.personId,
    kind: 'erase',
    asked: 'Erase me',
    ...dateFields('receivedOn', '2026-11-20'),
  });
  assert.equal(refused.statusCode, 403);
  assert.equal((await requestsOf(person.personId)).length, 0);

  // The coordination unit finds the register from its home page and from subject access.
  assert.match((await unit.get('/')).body, /href="\/information-rights\/erasure-and-correction"/);
  const sar = await unit.get('/information-rights/subject-access');
  assert.match(text(sar.body), /Requests to erase or correct a person’s data/);
  const url = await logged(person, 'erase', 'Please erase everything about me');
  const page = await unit.get(url);
  assert.equal(page.statusCode, 200);
  const admin = await signInNewAccount(t, 'administrator');
  assert.equal((await admin.get(url)).statusCode, 200);
  assert.equal((await officer.get(url)).statusCode, 403);
  assert.equal((await officer.post(`${url}/decide`, { version: '1' })).statusCode, 403);
  assert.equal((await unit.get(`${BASE}/not-a-request`)).statusCode, 404);
});

test('Issue 28 part 5: bad input is refused naming each field, and nothing is written', async () => {
  const person = await member('Sasha Pellingham');
  const before = (await auditOf('erasure-request.logged')).length;
  const empty = await unit.post(`${BASE}/new`, {});
  assert.equal(empty.statusCode, 400);
  const said = text(empty.body);
  assert.match(said, /Choose the person the request is about/);
  assert.match(said, /Choose whether the person asks to erase or to correct/);
  assert.match(said, /Enter the date the request was received/i);
  assert.match(said, /Enter what is asked/);
  const bad = await unit.post(`${BASE}/new`, {
    personId: person.personId,
    kind: 'erase',
    asked: 'x'.repeat(2001),
    ...dateFields('receivedOn', '2026-11-24'),
  });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /must be today or in the past/);
  assert.match(text(bad.body), /What is asked must be 2000 characters or fewer/);
  assert.equal((await requestsOf(person.personId)).length, 0);
  assert.equal((await auditOf('erasure-request.logged')).length, before);

  // A decision needs its choice and its reasons.
  const url = await logged(person, 'correct', 'My date of birth is wrong');
  const noReasons = await unit.post(`${url}/decide`, { version: '1', decision: '', reasons: '' });
  assert.equal(noReasons.statusCode, 400);
  assert.match(text(noReasons.body), /Choose what is decided/);
  assert.match(text(noReasons.body), /Enter the reasons, saying what must be kept and why/);
  const [row] = await requestsOf(person.personId);
  assert.equal(row!.decision, null);
  assert.equal(row!.version, 1);
});

test('Issue 28 part 5: an erasure is logged (due a month after receipt), extended, agreed with reasons and carried out in every module, the counts on its page', async () => {
  const person = await member('Morgan Fenwright');
  const other = await member('Jules Hartigan');
  const claim = await makeExpenseClaim(t, person, {
    occasion: `meeting:${meetingId}`,
    costs: [
      { incurredOn: '2026-11-02', description: 'Train for Morgan Fenwright', amount: '9.10' },
    ],
  });
  const url = await logged(person, 'erase', 'Erase what you hold about Morgan Fenwright');
  let page = text((await unit.get(url)).body);
  assert.match(page, /Request to erase: Morgan Fenwright/);
  // 2 November + one month = 2 December; today (23 November) is more than a week before.
  assert.match(page, /Due on 2 December 2026/);
  assert.match(page, /Open/);
  assert.match(page, /Erase what you hold about Morgan Fenwright/);
  assert.match(page, /Logged by/);

  // Carrying out before a decision is refused, changing nothing.
  const early = await unit.post(`${url}/carry-out`, { version: '1' });
  assert.equal(early.statusCode, 409);
  assert.match(text(early.body), /Only a request that was agreed/);

  // Extended by one month with a reason.
  const extended = await unit.post(`${url}/extend`, {
    version: '1',
    months: '1',
    reason: 'Records in many parts of Bridge',
  });
  assert.equal(extended.statusCode, 303);
  page = text((await unit.get(url)).body);
  assert.match(page, /Due on 2 January 2027/);
  assert.match(page, /Extended 1 further month: Records in many parts of Bridge/);

  // A stale decision (the version before the extension) is refused.
  const stale = await unit.post(`${url}/decide`, {
    version: '1',
    decision: 'agreed_in_part',
    reasons: 'Minutes kept',
  });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this request/);

  await decided(
    url,
    'agreed_in_part',
    'Minutes and decisions of meetings Morgan Fenwright attended are kept, naming nobody; expense claims stay six years for audit.',
    '2',
  );
  page = text((await unit.get(url)).body);
  assert.match(page, /Decided Agreed in part/);
  assert.match(page, /expense claims stay six years for audit/);
  // Decided once only.
  const again = await unit.post(`${url}/decide`, {
    version: '3',
    decision: 'refused',
    reasons: 'No',
  });
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /already been decided/);

  const done = await unit.post(`${url}/carry-out`, { version: '3' });
  assert.equal(done.statusCode, 303, text(done.body));
  page = text((await unit.get(url)).body);
  assert.match(page, /Closed/);
  assert.match(page, /Erased by/);
  assert.match(page, /What was erased or anonymised: \d+ records/);
  assert.match(page, /Directory directory entry 1 Anonymised/);
  assert.match(page, /Advisory groups memberships 1 Anonymised/);
  assert.match(page, /Expenses items naming them 1 Anonymised/);
  assert.match(page, /Accounts user account 1 Anonymised/);
  // Kinds of which nothing was held are left out.
  assert.doesNotMatch(page, / 0 (Deleted|Anonymised)/);
  assert.match(page, /Information rights requests to erase or correct 1 Anonymised/);
  // The register row still refers to the (anonymised) entry; what was asked is gone, the
  // reasons stay without the name.
  assert.match(page, /Request to erase: Erased person/);
  assert.match(page, /What is asked Erased with the person/);
  assert.match(page, /meetings Erased person attended are kept/);
  assert.doesNotMatch(page, /Morgan|Fenwright/);

  // The person is erased everywhere; the other member, and the claim's money, stay.
  const [entry] = await t.services.db.select().from(people).where(eq(people.id, person.personId));
  assert.equal(entry!.fullName, 'Erased person');
  const [account] = await t.services.db.select().from(users).where(eq(users.id, person.userId));
  assert.equal(account!.status, 'deactivated');
  const [kept] = await t.services.db.select().from(people).where(eq(people.id, other.personId));
  assert.equal(kept!.fullName, 'Jules Hartigan');
  const [row] = await requestsOf(person.personId);
  assert.equal(row!.asked, null);
  assert.ok(row!.erasedCounts?.some((m) => m.module === 'expenses'));
  assert.ok(claim.id);

  // One audit event, holding counts only.
  const events = (await auditOf('erasure-request.carried-out')).filter(
    (e) => e.recordId === row!.id,
  );
  assert.equal(events.length, 1);
  const said = JSON.stringify(events[0]);
  assert.match(said, /"records":1/);
  assert.doesNotMatch(said, /Morgan|Fenwright|erasure\.example|@/);
  assert.ok(!said.includes(person.personId));

  // Carried out once only.
  const twice = await unit.post(`${url}/carry-out`, { version: String(row!.version) });
  assert.equal(twice.statusCode, 409);
  assert.match(text(twice.body), /already been carried out/);

  // The register lists it closed.
  const closed = text((await unit.get(`${BASE}?status=closed`)).body);
  assert.match(closed, /Erased person\s+Erase/);
  assert.doesNotMatch(text((await unit.get(`${BASE}?status=open`)).body), /Erased person/);
});

test('Issue 28 part 5: an erasure is refused, changing nothing, while a legal hold is on the person or on a record of theirs', async () => {
  for (const on of ['person', 'record'] as const) {
    const person = await member(on === 'person' ? 'Ira Quenby' : 'Tamsin Orlebar');
    const claim = await makeExpenseClaim(t, person, {
      occasion: `meeting:${meetingId}`,
      costs: [{ incurredOn: '2026-11-02', description: 'Bus fare', amount: '2.00' }],
    });
    const holdId = await placeHold(
      on === 'person'
        ? { on, personId: person.personId }
        : { on, kindKey: 'expenses.receipts', recordId: claim.id },
    );
    const url = await logged(person, 'erase', 'Erase me');
    await decided(url, 'agreed', 'Nothing need be kept beyond minutes');
    const before = (await auditOf('erasure-request.carried-out')).length;
    const refused = await unit.post(`${url}/carry-out`, { version: '2' });
    assert.equal(refused.statusCode, 409);
    assert.match(text(refused.body), /cannot be erased while a legal hold is in place/);
    const [entry] = await t.services.db.select().from(people).where(eq(people.id, person.personId));
    assert.equal(entry!.fullName, person.name);
    const [row] = await requestsOf(person.personId);
    assert.equal(row!.carriedOutAt, null);
    assert.equal(row!.asked, 'Erase me');
    assert.equal(row!.version, 2);
    assert.equal((await auditOf('erasure-request.carried-out')).length, before);

    // Once the hold is lifted, it goes.
    const admin = await accountFor(t, 'administrator');
    await t.services.retention.liftHold(
      {
        kind: 'user',
        userId: admin.userId,
        displayName: 'Admin',
        email: admin.email,
        roles: [{ role: 'administrator', scopeType: null, scopeId: null }],
      },
      holdId,
    );
    assert.equal((await unit.post(`${url}/carry-out`, { version: '2' })).statusCode, 303);
  }
});

/** A record of each kind that holds one about the person without naming them in the directory. */
const recordsOf: Record<string, (person: FactoryAccount) => Promise<string>> = {
  async 'groups.unsuccessful-applications'(person) {
    const [round] = await t.services.db
      .insert(recruitmentRounds)
      .values({
        groupId: race,
        opensOn: '2025-01-01',
        closesOn: '2025-02-01',
        appointmentDate: '2025-04-01',
        targetAudiences: 'Everyone',
      })
      .returning({ id: recruitmentRounds.id });
    const [row] = await t.services.db
      .insert(applications)
      .values({
        roundId: round!.id,
        fullName: person.name,
        email: person.email.toUpperCase(),
        communities: 'Tenants',
        statement: 'My statement',
        independenceConfirmed: true,
        principlesConfirmed: true,
        status: 'not_recommended',
        decidedAt: new Date('2026-01-05T10:00:00Z'),
      })
      .returning({ id: applications.id });
    return row!.id;
  },
  async 'custody-visiting.declined-applications'(person) {
    const [row] = await t.services.db
      .insert(custodyVisitorApplications)
      .values({
        fullName: person.name,
        email: person.email,
        reasons: 'To help',
        declaredOn: '2026-01-05',
        status: 'declined',
      })
      .returning({ id: custodyVisitorApplications.id });
    return row!.id;
  },
  async 'information-rights.archives'(person) {
    const logger = await accountFor(t, 'coordination_unit');
    const [row] = await t.services.db
      .insert(subjectAccessRequests)
      .values({
        personId: person.personId,
        receivedOn: '2026-10-01',
        dueOn: '2026-11-01',
        loggedBy: logger.userId,
        loggedAt: new Date('2026-10-01T10:00:00Z'),
      })
      .returning({ id: subjectAccessRequests.id });
    return row!.id;
  },
};

test('Issue 28 part 5: a hold on an application, or an archive sent, that is the person’s stops their erasure; on another’s it does not', async () => {
  for (const [kindKey, make] of Object.entries(recordsOf)) {
    const person = await member(`Held ${kindKey.split('.')[0]} Quillfeather`);
    const other = await member(`Free ${kindKey.split('.')[0]} Marchbanks`);
    await placeHold({ on: 'record', kindKey, recordId: await make(person) });
    await make(other);
    const url = await logged(person, 'erase', 'Erase me');
    await decided(url, 'agreed', 'Nothing need be kept beyond minutes');
    const refused = await unit.post(`${url}/carry-out`, { version: '2' });
    assert.equal(refused.statusCode, 409, kindKey);
    assert.match(text(refused.body), /cannot be erased while a legal hold is in place/);
    const [entry] = await t.services.db.select().from(people).where(eq(people.id, person.personId));
    assert.equal(entry!.fullName, person.name, kindKey);
    // The other's record of the same kind is not held: their erasure goes ahead.
    const theirs = await logged(other, 'erase', 'Erase me');
    await decided(theirs, 'agreed', 'Nothing need be kept beyond minutes');
    assert.equal(
      (await unit.post(`${theirs}/carry-out`, { version: '2' })).statusCode,
      303,
      kindKey,
    );
  }
});

test('Issue 28 part 5: a hold on someone else’s record does not stop an erasure; a refused request closes and cannot be carried out', async () => {
  const person = await member('Wren Castellane');
  const other = await member('Otto Brisbourne');
  const othersClaim = await makeExpenseClaim(t, other, {
    occasion: `meeting:${meetingId}`,
    costs: [{ incurredOn: '2026-11-02', description: 'Tram', amount: '1.50' }],
  });
  await placeHold({ on: 'record', kindKey: 'expenses.receipts', recordId: othersClaim.id });
  const refusedUrl = await logged(other, 'erase', 'Erase me');
  await decided(refusedUrl, 'refused', 'Records under a legal hold for a complaint must be kept.');
  const refusedPage = text((await unit.get(refusedUrl)).body);
  assert.match(refusedPage, /Decided Refused/);
  assert.match(refusedPage, /Closed/);
  assert.doesNotMatch(refusedPage, /Erase the person’s data/);
  const carried = await unit.post(`${refusedUrl}/carry-out`, { version: '2' });
  assert.equal(carried.statusCode, 409);
  assert.match(text(carried.body), /Only a request that was agreed/);

  const url = await logged(person, 'erase', 'Erase me');
  await decided(url, 'agreed', 'Minutes are kept');
  assert.equal((await unit.post(`${url}/carry-out`, { version: '2' })).statusCode, 303);
});

test('Issue 28 part 5: an agreed correction shows the person’s records to download, and is closed with what was corrected', async () => {
  const person = await member('Priya Lanchester');
  const url = await logged(person, 'correct', 'My surname is misspelt in the directory');
  await decided(url, 'agreed', 'The directory entry is corrected; minutes are kept as written.');
  let page = text((await unit.get(url)).body);
  assert.match(page, /Request to correct: Priya Lanchester/);
  assert.match(page, /Download what Bridge holds about the person \(ZIP\)/);
  assert.doesNotMatch(page, /Erase the person’s data/);
  const download = await unit.get(`${url}/archive.zip`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/zip');
  const summary = strFromU8(unzipSync(new Uint8Array(download.rawPayload))['summary.html']!);
  assert.match(summary, /What Bridge holds about Priya Lanchester/);
  assert.match(summary, /Your requests to erase or correct/);

  // A correction cannot be "carried out" as an erasure.
  assert.equal((await unit.post(`${url}/carry-out`, { version: '2' })).statusCode, 409);
  const empty = await unit.post(`${url}/corrected`, { version: '2', corrections: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Enter what was corrected/);
  const closed = await unit.post(`${url}/corrected`, {
    version: '2',
    corrections: 'Surname corrected in the directory entry',
  });
  assert.equal(closed.statusCode, 303);
  page = text((await unit.get(url)).body);
  assert.match(page, /Corrected by/);
  assert.match(page, /What was corrected Surname corrected in the directory entry/);
  assert.match(page, /Closed/);
  const events = (await auditOf('erasure-request.corrected')).filter(
    (e) => e.recordId === url.split('/').at(-1),
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]!.after, null);
  // The archive of an erasure request is not offered.
  const erase = await logged(person, 'erase', 'Erase me too');
  assert.equal((await unit.get(`${erase}/archive.zip`)).statusCode, 404);
});
