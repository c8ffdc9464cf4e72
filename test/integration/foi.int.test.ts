/**
 * Issue 28 part 1 (FOI-01, Rec 10): Freedom of Information requests as the coordination unit
 * keeps them: logged with the day it counts as received and its due date (worked by hand from
 * the bank holidays); the clock stopped for clarification and restarted (the date moves on by
 * the days stopped); an extension; an answer with a part withheld under an exemption; later
 * stages; the register's views and the share on time; published in the disclosure log and read
 * there by anyone, with no requester named. Refusals: other roles see no link and get 403; bad
 * input names its field and writes nothing; a stale edit is refused. The app's clock stands at
 * Monday 23 November 2026.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { foiClockStops, foiRequests } from '../../src/modules/foi/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, dateFields, type TestApp } from '../app.js';
import { errorSummaryOf } from '../error-summary.js';
import { signInNewAccount } from '../factories/accounts.js';
import { mainOf, rowOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let unit: Agent;

before(async () => {
  t = await createTestApp();
  unit = await signInNewAccount(t, 'coordination_unit');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

/** Logs a request; returns its id and the request page's text. */
async function logRequest(
  agent: Agent,
  received: string,
  time: string,
  extra: Record<string, string> = {},
) {
  const done = await agent.post('/foi-requests/new', {
    ...dateFields('received', received),
    receivedTime: time,
    requesterName: 'Ada Requester',
    requesterContact: 'ada@example.org',
    channel: 'email',
    asked: `Minutes of the advisory group meetings ${Math.random()}`,
    ...extra,
  });
  assert.equal(done.statusCode, 303, done.body);
  const id = done.headers.location!.toString().split('/').pop()!;
  return { id, page: text((await agent.get(`/foi-requests/${id}`)).body) };
}
const versionOf = async (id: string) =>
  String(
    (await t.services.db.select().from(foiRequests).where(eq(foiRequests.id, id)))[0]!.version,
  );

test('FOI-01: a request received on a Saturday: its twenty working days count from Monday, and the page says why; due the twentieth working day following (St Patrick’s Day, Good Friday and Easter Monday not counted)', async () => {
  const { id, page } = await logRequest(unit, '2026-03-07', '10:00');
  assert.match(page, /Arrived 7 March 2026 at 10am/);
  assert.match(
    page,
    /Counts as received 7 March 2026\. It arrived on a day that is not a working day, so the twenty working days are counted from the next working day/,
  );
  assert.match(page, /Due 8 April 2026/);
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, id), eq(auditEvents.action, 'foi.request-logged')));
  assert.ok(audit);
});

test('FOI-01: a request received at 17:30 counts as received the next working day', async () => {
  const { page } = await logRequest(unit, '2026-03-04', '5:30pm');
  assert.match(page, /Counts as received 5 March 2026\. It arrived after the office closed/);
  assert.match(page, /Due 7 April 2026/);
});

test('FOI-01: the clock stopped for clarification and restarted starts the twenty working days afresh (s.1(3)); an extension, the answer with a part withheld, review and complaint, then the disclosure log', async () => {
  const { id, page } = await logRequest(unit, '2026-03-02', '10:00');
  assert.match(page, /Due 31 March 2026/);

  // A stop dated in the future is refused by its field, with nothing written.
  let done = await unit.post(`/foi-requests/${id}/stop-clock`, {
    version: await versionOf(id),
    reason: 'clarification',
    ...dateFields('stoppedOn', '2099-03-09'),
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).messages, ['Stopped on must be today or in the past']);
  done = await unit.post(`/foi-requests/${id}/stop-clock`, {
    version: await versionOf(id),
    reason: 'clarification',
    ...dateFields('stoppedOn', '2026-03-09'),
  });
  assert.equal(done.statusCode, 303, done.body);
  let shown = text((await unit.get(`/foi-requests/${id}`)).body);
  assert.match(shown, /The clock is stopped while a fee or clarification is awaited/);
  assert.match(shown, /Awaiting clarification 9 March 2026 Still stopped/);
  // Answering while stopped is refused for its state, with nothing written.
  done = await unit.post(`/foi-requests/${id}/answer`, {
    version: await versionOf(id),
    ...dateFields('answeredOn', '2026-03-10'),
    part1: 'Minutes',
    part1Outcome: 'released',
  });
  assert.equal(done.statusCode, 409);
  assert.match(text(done.body), /The clock is stopped: restart it before recording the answer/);

  done = await unit.post(`/foi-requests/${id}/restart-clock`, {
    version: await versionOf(id),
    ...dateFields('restartedOn', '2026-03-16'),
  });
  assert.equal(done.statusCode, 303, done.body);
  shown = text((await unit.get(`/foi-requests/${id}`)).body);
  // Twenty working days afresh following 16 March, without 17 March, Good Friday and Easter Monday.
  assert.match(shown, /Due 16 April 2026/);
  assert.match(shown, /Awaiting clarification 9 March 2026 16 March 2026/);

  // An extension earlier than the due date is refused against its field.
  done = await unit.post(`/foi-requests/${id}/extend`, {
    version: await versionOf(id),
    ...dateFields('newDate', '2026-04-08'),
    extensionReason: 'Public interest test under s.31',
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).messages, [
    'The new due date must be on or after the current due date',
  ]);
  done = await unit.post(`/foi-requests/${id}/extend`, {
    version: await versionOf(id),
    ...dateFields('newDate', '2026-04-30'),
    extensionReason: 'Public interest test under s.31',
  });
  assert.equal(done.statusCode, 303, done.body);
  assert.match(text((await unit.get(`/foi-requests/${id}`)).body), /Due 30 April 2026/);

  // A part withheld with no exemption names that part's exemption.
  done = await unit.post(`/foi-requests/${id}/answer`, {
    version: await versionOf(id),
    ...dateFields('answeredOn', '2026-04-28'),
    part1: 'The minutes',
    part1Outcome: 'released',
    part2: 'Names of the advisors',
    part2Outcome: 'withheld-in-part',
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).targets, ['part2Exemption']);
  done = await unit.post(`/foi-requests/${id}/answer`, {
    version: await versionOf(id),
    ...dateFields('answeredOn', '2026-04-28'),
    part1: 'The minutes',
    part1Outcome: 'released',
    part2: 'Names of the advisors',
    part2Outcome: 'withheld-in-part',
    part2Exemption: 's.40',
  });
  assert.equal(done.statusCode, 303, done.body);
  shown = text((await unit.get(`/foi-requests/${id}`)).body);
  assert.match(shown, /It was due 30 April 2026\. Answered on time, 28 April 2026\./);
  const parts = tableOf(mainOf((await unit.get(`/foi-requests/${id}`)).body), /released and/);
  assert.equal(rowOf(parts, 'Names of the advisors').Outcome, 'Withheld in part');
  assert.equal(
    rowOf(parts, 'Names of the advisors')['Exemption relied on'],
    's.40 Personal information',
  );

  done = await unit.post(`/foi-requests/${id}/internal-review`, {
    version: await versionOf(id),
    ...dateFields('openedOn', '2026-05-05'),
    ...dateFields('decidedOn', '2026-05-20'),
    outcome: 'upheld',
  });
  assert.equal(done.statusCode, 303, done.body);
  done = await unit.post(`/foi-requests/${id}/complaint`, {
    version: await versionOf(id),
    ...dateFields('openedOn', '2026-06-01'),
  });
  assert.equal(done.statusCode, 303, done.body);
  shown = text((await unit.get(`/foi-requests/${id}`)).body);
  assert.match(
    shown,
    /Internal review The date the review was requested 5 May 2026 The date the review was decided 20 May 2026 Outcome Original answer upheld/,
  );
  assert.match(
    shown,
    /The date the complaint was made 1 June 2026 The date the Commissioner decided Not yet/,
  );

  // Publishing needs the confirmation that the summary holds no personal data.
  const summary = `Minutes of the advisory groups released; advisors' names withheld ${id}`;
  done = await unit.post(`/foi-requests/${id}/publish`, {
    version: await versionOf(id),
    publicSummary: summary,
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).targets, ['confirmNoPersonalData']);
  done = await unit.post(`/foi-requests/${id}/publish`, {
    version: await versionOf(id),
    publicSummary: summary,
    confirmNoPersonalData: 'yes',
  });
  assert.equal(done.statusCode, 303, done.body);
  // A document is refused without the confirmation, then attached with it.
  done = await unit.postFile(
    `/foi-requests/${id}/documents/new`,
    {},
    {
      field: 'file',
      name: 'minutes.pdf',
      bytes: PDF,
    },
  );
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).messages, [
    'Confirm that personal data has been removed',
  ]);
  done = await unit.postFile(
    `/foi-requests/${id}/documents/new`,
    { confirmNoPersonalData: 'yes' },
    { field: 'file', name: 'minutes.pdf', bytes: PDF },
  );
  assert.equal(done.statusCode, 303, done.body);

  // Anyone reads it in the disclosure log, with no requester named, and downloads the document.
  const visitor = new Agent(t.app);
  const log = await visitor.get('/disclosure-log');
  assert.equal(log.statusCode, 200);
  const logText = text(log.body);
  assert.ok(logText.includes(summary));
  assert.match(logText, /Outcome Released in part Exemptions relied on s\.40 Personal information/);
  assert.doesNotMatch(log.body, /Ada Requester|ada@example\.org/);
  const href = /href="(\/disclosure-log\/[^"]+\/documents\/[^"]+)"/.exec(log.body)?.[1];
  assert.ok(href);
  const file = await visitor.get(href);
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');

  // Taken out again (personal data found in it): a stale form changes nothing; then the public
  // no longer see the entry or its document, and staff still do.
  const documentPath = href.replace(/^\/disclosure-log/, '/foi-requests');
  done = await unit.post(`/foi-requests/${id}/unpublish`, {
    version: String(Number(await versionOf(id)) - 1),
  });
  assert.equal(done.statusCode, 409);
  assert.ok(text((await visitor.get('/disclosure-log')).body).includes(summary));
  done = await unit.post(`/foi-requests/${id}/unpublish`, { version: await versionOf(id) });
  assert.equal(done.statusCode, 303, done.body);
  assert.ok(!text((await visitor.get('/disclosure-log')).body).includes(summary));
  assert.equal((await visitor.get(href)).statusCode, 404);
  assert.equal((await unit.get(documentPath)).statusCode, 200);
  assert.match(
    text((await unit.get(`/foi-requests/${id}`)).body),
    /Not published in the disclosure log\./,
  );
  done = await unit.post(`/foi-requests/${id}/unpublish`, { version: await versionOf(id) });
  assert.equal(done.statusCode, 409);
  // The document removed: gone for staff too, and its file deleted.
  done = await unit.post(`${documentPath}/remove`, {});
  assert.equal(done.statusCode, 303, done.body);
  assert.equal((await unit.get(documentPath)).statusCode, 404);
  assert.equal((await unit.post(`${documentPath}/remove`, {})).statusCode, 404);
});

test('FOI-01: the register shows the overdue with working days overdue, due this week, and the share answered on time per quarter', async () => {
  // Received Friday 23 October 2026: due Friday 20 November, a working day overdue on Monday.
  const overdue = await logRequest(unit, '2026-10-23', '09:00');
  assert.match(overdue.page, /Due 20 November 2026 \(1 working day overdue\)/);
  // Received Friday 23 October at 17:30: counts from Monday 26 October, due Monday 23 November.
  const today = await logRequest(unit, '2026-10-23', '17:30');
  assert.match(today.page, /Due 23 November 2026 \(Due today\)/);

  const overduePage = text((await unit.get('/foi-requests?view=overdue')).body);
  assert.ok(overduePage.includes('20 November 2026 1 working day overdue'));
  assert.ok(!overduePage.includes('23 November 2026 Due today'));
  const weekPage = text((await unit.get('/foi-requests?view=due-this-week')).body);
  assert.ok(weekPage.includes('23 November 2026 Due today'));
  assert.ok(!weekPage.includes('1 working day overdue'));

  // One answered late in 2026 Q3: received Thursday 9 July, due Monday 10 August (the Boyne
  // substitute, 13 July, and Scotland's 3 August not counted), answered 11 August.
  const late = await logRequest(unit, '2026-07-09', '10:00');
  const done = await unit.post(`/foi-requests/${late.id}/answer`, {
    version: await versionOf(late.id),
    ...dateFields('answeredOn', '2026-08-11'),
    part1: 'All of it',
    part1Outcome: 'released',
  });
  assert.equal(done.statusCode, 303, done.body);
  const quarters = tableOf(mainOf((await unit.get('/foi-requests')).body), /Answered on time/);
  const q3 = rowOf(quarters, '2026-Q3');
  assert.equal(q3.Answered, '1');
  assert.equal(q3['On time'], '0');
  assert.equal(q3['Share on time'], '0%');
});

test('FOI-01: other roles see no link to the requests and are refused them; signed out is sent to sign in', async () => {
  const director = await signInNewAccount(t, 'director');
  assert.doesNotMatch((await director.get('/')).body, /href="\/foi-requests"/);
  assert.equal((await director.get('/foi-requests')).statusCode, 403);
  assert.equal((await director.post('/foi-requests/new', {})).statusCode, 403);
  assert.match((await unit.get('/')).body, /href="\/foi-requests"/);
  const admin = await signInNewAccount(t, 'administrator');
  assert.equal((await admin.get('/foi-requests')).statusCode, 200);
  const visitor = new Agent(t.app);
  assert.notEqual((await visitor.get('/foi-requests')).statusCode, 200);
});

test('FOI-01: bad input names each field and writes nothing; a stale edit is refused and changes nothing', async () => {
  const [before] = await t.services.db.select({ n: count() }).from(foiRequests);
  let done = await unit.post('/foi-requests/new', {
    ...dateFields('received', '2026-03-02'),
    receivedTime: 'teatime',
    requesterName: '',
    requesterContact: 'x@example.org',
    asked: 'Something',
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).targets, ['receivedTime', 'requesterName', 'channel']);
  // A request from the future.
  done = await unit.post('/foi-requests/new', {
    ...dateFields('received', '2027-01-04'),
    receivedTime: '10:00',
    requesterName: 'Someone',
    requesterContact: 'x@example.org',
    channel: 'letter',
    asked: 'Something',
  });
  assert.equal(done.statusCode, 400);
  assert.deepEqual(errorSummaryOf(done.body).targets, ['received-day']);
  const [afterwards] = await t.services.db.select({ n: count() }).from(foiRequests);
  assert.equal(afterwards!.n, before!.n);

  const { id } = await logRequest(unit, '2026-03-02', '10:00');
  const stale = String(Number(await versionOf(id)) - 1);
  done = await unit.post(`/foi-requests/${id}/stop-clock`, {
    version: stale,
    reason: 'fee',
    ...dateFields('stoppedOn', '2026-03-05'),
  });
  assert.equal(done.statusCode, 409);
  assert.match(text(done.body), /Someone else changed this request/);
  const stops = await t.services.db
    .select()
    .from(foiClockStops)
    .where(eq(foiClockStops.requestId, id));
  assert.equal(stops.length, 0);
  assert.match(text((await unit.get(`/foi-requests/${id}`)).body), /Due 31 March 2026/);
});
