/**
 * Issue 28 part 3 (DP-02): subject access requests logged, identity checked, extended and answered
 * with the archive through the pages, the archive read back (the person's records and receipt in,
 * another person's out, other people's names marked for redaction), a person's own export from
 * Your account; and the refusals: the wrong role, bad input naming its field, an answer before the
 * identity check, an extension beyond two months, each writing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { people } from '../../src/modules/directory/schema.js';
import { subjectAccessRequests } from '../../src/modules/information-rights/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { buildServices } from '../../src/app.js';
import { createTestApp, dateFields, groupIdByCode, type Agent, type TestApp } from '../app.js';
import {
  makeAccount,
  signInAccount,
  signInNewAccount,
  type FactoryAccount,
} from '../factories/accounts.js';
import { makeExpenseClaim } from '../factories/expenses.js';
import { makeMember } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';
import { mainOf, textOf } from '../html.js';

let t: TestApp;
let unit: Agent;
let avery: FactoryAccount;
let jordan: FactoryAccount;
const RECEIPT = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n',
);

const text = (html: string) => textOf(mainOf(html));
const zipOf = (body: Buffer | string) =>
  unzipSync(new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'binary') : body));

before(async () => {
  t = await createTestApp({ demo: false });
  unit = await signInNewAccount(t, 'coordination_unit');
  const race = await groupIdByCode(t, 'iag-race');
  avery = await makeMember(t, race, { name: 'Avery Quillfeather', startsOn: '2026-10-01' });
  jordan = await makeMember(t, race, { name: 'Jordan Brightwater', startsOn: '2026-10-01' });
  const held = await makeMeeting(t, race, {
    title: 'Race IAG on stop and search',
    date: '2026-11-09',
  });
  // Avery's fare with its receipt, through the page as Avery sends it.
  const claim = await makeExpenseClaim(t, avery, { occasion: `meeting:${held.id}`, costs: [] });
  const averyAgent = await signInAccount(t, avery);
  const fare = await averyAgent.postFile(
    `/expenses/${claim.id}/items/new`,
    {
      category: 'public_transport',
      ...dateFields('incurredOn', '2026-11-09'),
      description: 'Train to Brixton for Avery',
      amount: '12.40',
    },
    { field: 'receipt', name: 'ticket.pdf', bytes: RECEIPT },
  );
  assert.equal(fare.statusCode, 303);
  await makeExpenseClaim(t, jordan, {
    occasion: `meeting:${held.id}`,
    costs: [{ incurredOn: '2026-11-09', description: 'Bus to Brixton for Jordan', amount: '3.00' }],
  });
});
after(() => t.close());

const requestsOf = (personId: string) =>
  t.services.db
    .select()
    .from(subjectAccessRequests)
    .where(eq(subjectAccessRequests.personId, personId));

const auditOf = (action: string) =>
  t.services.db.select().from(auditEvents).where(eq(auditEvents.action, action));

test('DP-02: only the coordination unit and administrators see the register; others get no link and a refusal', async () => {
  const officer = await signInNewAccount(t, 'authority_officer');
  const home = await officer.get('/');
  assert.doesNotMatch(home.body, /information-rights\/subject-access/);
  assert.equal((await officer.get('/information-rights/subject-access')).statusCode, 403);
  const refused = await officer.post('/information-rights/subject-access/new', {
    personId: avery.personId,
    ...dateFields('receivedOn', '2026-11-20'),
  });
  assert.equal(refused.statusCode, 403);
  assert.equal((await requestsOf(avery.personId)).length, 0);
  const page = await unit.get('/information-rights/subject-access');
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Subject access requests/);
});

test('DP-02: a request with no person, or received in the future, is refused naming the field; nothing is written', async () => {
  const before = (await auditOf('subject-access.logged')).length;
  const empty = await unit.post('/information-rights/subject-access/new', {});
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Choose the person the request is about/);
  assert.match(text(empty.body), /Enter the date the request was received/i);
  const future = await unit.post('/information-rights/subject-access/new', {
    personId: avery.personId,
    ...dateFields('receivedOn', '2026-12-01'),
  });
  assert.equal(future.statusCode, 400);
  assert.match(text(future.body), /must be today or in the past/);
  assert.equal((await requestsOf(avery.personId)).length, 0);
  assert.equal((await auditOf('subject-access.logged')).length, before);
});

test('DP-02: a request is logged, due a month after receipt, answered only after identity is checked, with the archive of the person’s records and no one else’s', async () => {
  // The picker finds Avery in the directory.
  const form = await unit.get('/information-rights/subject-access/new?q=Quillfeather');
  assert.match(text(form.body), /Avery Quillfeather/);
  const logged = await unit.post('/information-rights/subject-access/new', {
    personId: avery.personId,
    ...dateFields('receivedOn', '2026-10-31'),
  });
  assert.equal(logged.statusCode, 303);
  const url = logged.headers.location as string;
  const page = text((await unit.get(url)).body);
  // 31 October + one month = 30 November; today (23 November) is within the week before.
  assert.match(page, /Due on 30 November 2026/);
  assert.match(page, /Due within a week/);
  assert.match(page, /Identity checked Not yet checked/);
  const [row] = await requestsOf(avery.personId);
  assert.equal(row!.dueOn, '2026-11-30');

  // An answer before the identity check is refused, and nothing is written.
  const early = await unit.post(`${url}/answer`, { version: String(row!.version) });
  assert.equal(early.statusCode, 409);
  assert.match(text(early.body), /Check the requester’s identity before answering/);
  const [still] = await requestsOf(avery.personId);
  assert.equal(still!.answeredAt, null);
  assert.equal(still!.archiveStorageKey, null);
  assert.equal((await auditOf('subject-access.answered')).length, 0);

  // The identity check needs its method.
  const noMethod = await unit.post(`${url}/identity`, { version: '1', method: '' });
  assert.equal(noMethod.statusCode, 400);
  assert.match(text(noMethod.body), /Enter how the requester’s identity was checked/);
  const checked = await unit.post(`${url}/identity`, {
    version: '1',
    method: 'Passport seen at the office',
  });
  assert.equal(checked.statusCode, 303);
  assert.match(text((await unit.get(url)).body), /Passport seen at the office/);

  // Three further months are refused naming the months; two are allowed, with a reason.
  const tooLong = await unit.post(`${url}/extend`, { version: '2', months: '3', reason: 'Busy' });
  assert.equal(tooLong.statusCode, 400);
  assert.match(text(tooLong.body), /two further months at most/);
  const noReason = await unit.post(`${url}/extend`, { version: '2', months: '2', reason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(text(noReason.body), /Enter why more time is needed/);
  assert.equal((await requestsOf(avery.personId))[0]!.dueOn, '2026-11-30');
  const extended = await unit.post(`${url}/extend`, {
    version: '2',
    months: '2',
    reason: 'Records across many parts of Bridge',
  });
  assert.equal(extended.statusCode, 303);
  // 31 October + three months = 31 January.
  assert.match(text((await unit.get(url)).body), /Due on 31 January 2027/);
  // A stale form (the version before the extension) is refused.
  assert.equal((await unit.post(`${url}/answer`, { version: '2' })).statusCode, 409);

  const answered = await unit.post(`${url}/answer`, { version: '3' });
  assert.equal(answered.statusCode, 303);
  const done = text((await unit.get(url)).body);
  assert.match(done, /Answered/);
  assert.match(done, /Download the archive sent/);
  // A second answer is refused.
  assert.equal((await unit.post(`${url}/answer`, { version: '4' })).statusCode, 409);

  const download = await unit.get(`${url}/archive.zip`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/zip');
  const zip = zipOf(download.rawPayload);
  const summary = strFromU8(zip['summary.html']!);
  assert.match(summary, /<html lang="en">/);
  assert.match(summary, /What Bridge holds about Avery Quillfeather/);
  assert.match(summary, /<caption>Expense claims<\/caption>/);
  assert.match(summary, /Train to Brixton for Avery/);
  assert.match(summary, /None held/);
  assert.doesNotMatch(summary, /Jordan Brightwater|Bus to Brixton for Jordan/);
  // The receipt is in the archive as it was sent.
  const receipt = Object.entries(zip).find(([path]) =>
    /^files\/expenses\/.*ticket\.pdf$/.test(path),
  );
  assert.ok(receipt, 'the receipt is in the archive');
  assert.deepEqual(Buffer.from(receipt[1]), RECEIPT);
  // Who acted on Avery's records (the coordination unit appointing them) is marked for redaction.
  assert.match(
    summary,
    /<mark>[^<]+<\/mark> <span>\(names someone else: for redaction before release\)/,
  );
  const data = JSON.parse(strFromU8(zip['data.json']!)) as {
    person: string;
    parts: {
      module: string;
      sections: { title: string; rows: unknown[]; forRedaction: string[] }[];
    }[];
  };
  assert.equal(data.person, 'Avery Quillfeather');
  const expenses = data.parts.find((p) => p.module === 'expenses');
  assert.match(JSON.stringify(expenses), /Train to Brixton for Avery/);
  assert.deepEqual(expenses!.sections.find((s) => s.forRedaction.length)?.forRedaction, [
    'Decided by',
  ]);
  assert.doesNotMatch(JSON.stringify(data), /Jordan Brightwater/);
  // The audit events say what was done, never the person's data.
  const [event] = await auditOf('subject-access.answered');
  assert.doesNotMatch(JSON.stringify(event), /Avery|Quillfeather/);
});

test('DP-02: the register lists requests by standing, and an overdue one is shown so', async () => {
  await unit.post('/information-rights/subject-access/new', {
    personId: jordan.personId,
    ...dateFields('receivedOn', '2026-09-01'),
  });
  const overdue = text((await unit.get('/information-rights/subject-access?status=overdue')).body);
  assert.match(overdue, /Jordan Brightwater/);
  assert.doesNotMatch(overdue, /Avery Quillfeather/);
  const answered = text(
    (await unit.get('/information-rights/subject-access?status=answered')).body,
  );
  assert.match(answered, /Avery Quillfeather/);
  assert.doesNotMatch(answered, /Jordan Brightwater/);
});

test('DP-02: a person downloads their own data from Your account, audited without their data', async () => {
  const agent = await signInAccount(t, avery);
  assert.match(text((await agent.get('/account')).body), /Download your data/);
  const page = await agent.get('/account/your-data');
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(text(page.body), /not in Bridge's directory/);
  const download = await agent.post('/account/your-data');
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/zip');
  const zip = zipOf(download.rawPayload);
  const summary = strFromU8(zip['summary.html']!);
  assert.match(summary, /Train to Brixton for Avery/);
  assert.match(summary, new RegExp(avery.email.replace(/[.]/g, '\\.')));
  assert.doesNotMatch(summary, /Bus to Brixton for Jordan|Jordan Brightwater/);
  // Never a secret: no hash, no second-factor secret.
  assert.doesNotMatch(strFromU8(zip['data.json']!), /argon|scrypt|\$2[aby]\$|totp_secret/i);
  const events = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'person-data.exported-own'),
        eq(auditEvents.recordId, avery.userId),
      ),
    );
  assert.equal(events.length, 1);
  assert.equal(events[0]!.before, null);
  assert.equal(events[0]!.after, null);
});

test('DP-02: a person with no directory entry still gets their account; a stream of downloads is refused', async () => {
  const account = await makeAccount(t, { role: 'advisor', name: 'Noor Unlisted' });
  await t.services.db.delete(people).where(eq(people.id, account.personId));
  const agent = await signInAccount(t, account);
  assert.match(text((await agent.get('/account/your-data')).body), /not in Bridge's directory/);
  const download = await agent.post('/account/your-data');
  assert.equal(download.statusCode, 200);
  const summary = strFromU8(zipOf(download.rawPayload)['summary.html']!);
  assert.match(summary, /Noor Unlisted/);
  assert.match(summary, new RegExp(account.email.replace(/[.]/g, '\\.')));
  for (let i = 0; i < 4; i += 1) await agent.post('/account/your-data');
  const refused = await agent.post('/account/your-data');
  assert.equal(refused.statusCode, 429);
});

test('Issue 28 part 5: erasing a person keeps that their request was answered, and removes how identity was checked and the archive sent', async () => {
  const { modules } = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  });
  const module = modules.find((m) => m.name === 'information-rights')!;
  const [before] = await requestsOf(avery.personId);
  assert.ok(before!.archiveStorageKey && before!.identityMethod);
  const done = await t.services.db.transaction((tx) =>
    module.erasePerson!(tx, { personId: avery.personId, userId: avery.userId }),
  );
  assert.deepEqual(done, [
    { kind: 'subject access requests', records: 1, how: 'anonymised' },
    { kind: 'requests to erase or correct', records: 0, how: 'anonymised' },
  ]);
  const [after] = await requestsOf(avery.personId);
  assert.equal(after!.identityMethod, null);
  assert.equal(after!.extensionReason, null);
  assert.equal(after!.archiveStorageKey, null);
  assert.equal(after!.receivedOn, '2026-10-31');
  assert.ok(after!.answeredAt);
  await assert.rejects(t.services.files.read(before!.archiveStorageKey!));
  const page = text((await unit.get(`/information-rights/subject-access/${after!.id}`)).body);
  assert.match(page, /Answered/);
  assert.doesNotMatch(page, /Passport seen|Download the archive/);
  assert.equal(
    (await unit.get(`/information-rights/subject-access/${after!.id}/archive.zip`)).statusCode,
    404,
  );
});
