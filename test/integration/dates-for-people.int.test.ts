/**
 * Issue 21 item 31: a date meant for people reads "1 December 2030", never "2030-12-01": in
 * e-mail subjects and bodies, success messages and error messages. Each journey here checks
 * the date it shows, and every e-mail this file sends and every message it reads is scanned.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/platform/mail/schema.js';
import {
  Agent,
  createTestApp,
  principalFor,
  type TestApp,
  groupIdByCode,
  dateFields,
} from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeDeploymentContact } from '../factories/advice.js';
import { makePerson } from '../factories/directory.js';

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

let t: TestApp;
let unit: FactoryAccount;
let coordinator: Agent;
let director: Agent;
let camdenId: string;
let youthId: string;

before(async () => {
  // No demo data: the file makes the people it reads. Camden and the IAGs are reference data.
  t = await createTestApp({ demo: false });
  unit = await makeAccount(t, { role: 'coordination_unit' });
  coordinator = await signInAccount(t, unit);
  director = await signInAccount(t, await makeAccount(t, { role: 'director' }));
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  camdenId = boroughs.find((b) => b.name === 'Camden')!.id;
  youthId = await groupIdByCode(t, 'iag-youth');
  // Camden's borough commander, told when a corporate IAG recruits (IAG-17).
  await makePerson(t, {
    fullName: 'Chief Superintendent Kim Ashdown',
    jobTitle: 'Borough Commander',
    organisationId: camdenId,
    email: 'commander.camden@factory.example',
  });
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

/** The words of the success banner and the error summary: the messages a person reads. */
function messagesOn(html: string): string {
  const parts = [
    ...html.matchAll(/<div class="govuk-notification-banner[\s\S]*?<\/div>\s*<\/div>/g),
    ...html.matchAll(/<div class="govuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/g),
  ].map((m) => m[0]);
  return parts
    .join(' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The message shown after an action that redirects with one. */
async function flashAfter(
  agent: Agent,
  response: { statusCode: number; headers: { location?: string } },
) {
  assert.equal(response.statusCode, 303);
  return messagesOn((await agent.get(response.headers.location!)).body);
}

/** What people read in the e-mails sent to an address, links left out. */
async function mailTo(address: string): Promise<string[]> {
  const rows = await t.services.db
    .select({ subject: outbox.subject, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, address));
  return rows.map((r) => `${r.subject}\n${r.body}`.replace(/https?:\/\/\S+/g, '<link>'));
}

/** Every e-mail queued since `before` (the ids then in the outbox) reads its dates for people. */
async function assertNewMailReadable(before: Set<string>): Promise<void> {
  const rows = await t.services.db
    .select({ id: outbox.id, subject: outbox.subject, body: outbox.bodyText })
    .from(outbox);
  for (const r of rows.filter((r) => !before.has(r.id)))
    assertNoIsoDate(
      `${r.subject}\n${r.body}`.replace(/https?:\/\/\S+/g, '<link>'),
      `"${r.subject}"`,
    );
}

async function mailIds(): Promise<Set<string>> {
  return new Set((await t.services.db.select({ id: outbox.id }).from(outbox)).map((r) => r.id));
}

function assertNoIsoDate(text: string, where: string): void {
  assert.doesNotMatch(text, ISO_DATE, `${where} shows a date as YYYY-MM-DD: ${text}`);
}

test('issue 21 item 31: an appointment and its term-end notice give the end date as people write it', async () => {
  const mailBefore = await mailIds();
  const registered = await coordinator.post('/groups/new', {
    name: 'Dates Test Independent Advisory Group',
    type: 'borough_iag',
    ownerId: camdenId,
    parentGroupId: '',
    purpose: 'Advises on policing in Camden.',
    focus: 'Camden',
    meetingIntervalMonths: '2',
    minAge: '',
    maxAge: '',
    status: 'active',
  });
  const groupId = /\/groups\/([0-9a-f-]{36})$/.exec(registered.headers.location!)![1]!;
  const person = await t.services.directory.people.create(await principalFor(t, unit.email), {
    fullName: 'Dee Datesworth',
    email: 'dee.datesworth@example.org',
  });
  const appointed = await coordinator.post(`/groups/${groupId}/members/new`, {
    personId: person.id,
    ...dateFields('startsOn', '2026-12-01'),
    publishName: 'yes',
  });
  const flash = await flashAfter(coordinator, appointed);
  assert.match(flash, /The first term ends on 1 December 2030/);
  assertNoIsoDate(flash, 'the appointment message');

  const before = t.clock.current;
  try {
    t.clock.current = new Date('2030-06-02T09:00:00Z');
    await t.services.groups.sendTermEndNotices();
  } finally {
    t.clock.current = before;
  }
  const [notice] = await mailTo('dee.datesworth@example.org');
  assert.ok(notice, 'the member is told their term is ending');
  assert.match(
    notice,
    /^Your term with the Dates Test Independent Advisory Group ends on 1 December 2030\n/,
  );
  assert.match(
    notice,
    /Your appointment to the Dates Test Independent Advisory Group ends on 1 December 2030\./,
  );
  assertNoIsoDate(notice, 'the term-end e-mail');
  await assertNewMailReadable(mailBefore);
});

test('issue 21 item 31: recruitment e-mails and refusals give their dates as people write them', async () => {
  const mailBefore = await mailIds();
  const openRound = (opensOn: string, closesOn: string, appointmentDate: string) =>
    coordinator.post(`/groups/${youthId}/recruitment/new`, {
      ...dateFields('opensOn', opensOn),
      ...dateFields('closesOn', closesOn),
      ...dateFields('appointmentDate', appointmentDate),
      targetAudiences: 'Young people in care',
      panel: unit.email,
    });
  const opened = await openRound('2026-11-23', '2026-12-31', '2027-04-01');
  assert.equal(opened.statusCode, 303, opened.body.slice(0, 500));
  const roundPath = opened.headers.location!;
  const roundPage = await coordinator.get(roundPath);
  assert.match(roundPage.body, /<title>[^<]*Recruitment round opening 23 November 2026/);
  const toCommander = await mailTo('commander.camden@factory.example');
  assert.ok(toCommander.length, 'the borough commander is e-mailed');
  for (const body of toCommander) {
    assertNoIsoDate(body, 'the e-mail to a borough commander');
    assert.match(body, /Applications open on 23 November 2026 and close on 31 December 2026\./);
  }

  const second = await openRound('2027-06-01', '2027-07-01', '2027-09-01');
  assert.equal(second.statusCode, 409);
  const refusal = messagesOn(second.body);
  assert.match(
    refusal,
    /has a round from 23 November 2026 to 31 December 2026 \(IAG-20\)\. The next may open on 23 November 2027/,
  );
  assertNoIsoDate(refusal, 'the IAG-20 refusal');

  const visitor = new Agent(t.app);
  await visitor.get(`/advisory-groups/${youthId}/apply`);
  const applicant = {
    fullName: 'Tam Datewise',
    email: 'tam.datewise@example.org',
    ...dateFields('dateOfBirth', '2008-06-15'),
    communities: 'Young carers in Lewisham',
    statement: 'I want young people to be heard by the police.',
    confirm: ['independent', 'principles'],
  };
  const tooOld = await visitor.post(`/advisory-groups/${youthId}/apply`, {
    ...applicant,
    ...dateFields('dateOfBirth', '2000-01-01'),
  });
  assert.equal(tooOld.statusCode, 400);
  const ageError = messagesOn(tooOld.body);
  assert.match(ageError, /on the date of appointment, 1 April 2027; you would be 27/);
  assertNoIsoDate(ageError, 'the IAG-17 error');

  const applied = await visitor.post(`/advisory-groups/${youthId}/apply`, applicant);
  assert.equal(applied.statusCode, 303, applied.body.slice(0, 500));
  const [applicationId] = (await coordinator.get(roundPath)).body
    .match(/applications\/([0-9a-f-]{36})/)!
    .slice(1);
  const base = `${roundPath}/applications/${applicationId}`;
  assert.equal(
    (
      await coordinator.post(`${base}/assess`, {
        recommendation: 'recommended',
        assessment: 'Strong.',
      })
    ).statusCode,
    303,
  );
  assert.equal((await director.post(`${base}/decide`, { decision: 'accept' })).statusCode, 303);
  const [acknowledged, accepted] = await mailTo('tam.datewise@example.org');
  assert.match(acknowledged!, /Applications close on 31 December 2026\./);
  assert.match(
    accepted!,
    /accepted your appointment to the Youth Independent Advisory Group, from 1 April 2027, for four years/,
  );
  for (const body of [acknowledged!, accepted!]) assertNoIsoDate(body, "the applicant's e-mail");
  await assertNewMailReadable(mailBefore);
});

test('issue 21 item 31: a request passed to a group tells its deployment contact when it is needed, as people write dates', async () => {
  const mailBefore = await mailIds();
  const raceId = await groupIdByCode(t, 'iag-race');
  const contact = await makeDeploymentContact(t, raceId);
  const requester = await signInAccount(t, await makeAccount(t, { role: 'requester' }));
  const asked = await requester.post('/advice-requests/new', {
    subject: 'Advice on a dispersal order in Tottenham, dated',
    details: 'We are considering a dispersal order after disorder at the weekend.',
    seriousOrCritical: 'no',
    urgency: 'routine',
    communities: 'Young people in Tottenham',
    ...dateFields('neededFrom', '2026-12-07'),
    ...dateFields('neededUntil', '2026-12-09'),
    clearanceNeeded: 'none',
    advisorsWanted: '1',
  });
  assert.equal(asked.statusCode, 303, asked.body.slice(0, 500));
  const id = /\/advice-requests\/([0-9a-f-]{36})/.exec(asked.headers.location!)![1]!;
  const ctset = await signInAccount(t, await makeAccount(t, { role: 'ctset' }));
  assert.equal(
    (await ctset.post(`/advice-requests/${id}/route`, { groups: raceId })).statusCode,
    303,
  );
  const [mail] = (await mailTo(contact.email)).filter((m) =>
    m.includes('dispersal order in Tottenham, dated'),
  );
  assert.ok(mail, 'the deployment contact is e-mailed');
  assert.match(mail, /Needed from: 7 December 2026 to 9 December 2026/);
  assertNoIsoDate(mail, 'the e-mail to the deployment contact');
  await assertNewMailReadable(mailBefore);
});

test('issue 21 item 31: scheduling the review of the advisory process says when it is due as people write dates', async () => {
  const officer = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
  const scheduled = await officer.post(
    '/tracker/process-review',
    dateFields('lastReviewOn', '2025-03-29'),
  );
  const flash = await flashAfter(officer, scheduled);
  assert.match(flash, /The next review of the advisory process is due by 29 March 2028 \(IAG-28\)/);
  assertNoIsoDate(flash, 'the scheduling message');
});
