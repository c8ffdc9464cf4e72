/**
 * Issue 24 item 6 (ICV-09), and two parts of the visit report (ICV-03, ICV-07): a visit to a
 * person detained under terrorism legislation sends its report to the authority, copied to the
 * Independent Reviewer of Terrorism Legislation (the authority's copy e-mailed as a link where
 * its address is set; the Reviewer's, and the authority's with no address, sent by the scheme
 * manager, who records it), and the viewing of interview
 * recordings is recorded; a report begun from a visit on the rota, which is made when the report
 * is sent; a panel coordinator reading their panel's sent reports. Each test makes its own data.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { readCustodyVisitingSettings } from '../../src/modules/custody-visiting/settings.js';
import {
  custodyVisitReportCopies,
  custodyVisitReports,
} from '../../src/modules/custody-visiting/reports/schema.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { createTestApp, dateFields, type Agent, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import {
  makeLayVisitor,
  makeRotaVisit,
  makeSentReport,
  makeVisitingPair,
  type FactoryVisitingPair,
} from '../factories/custody-reports.js';
import {
  makeCustodyInspector,
  makePanel,
  makePanelCoordinator,
} from '../factories/custody-visiting.js';
import { textOf as text } from '../html.js';

/** This scheme has set the authority's address (the Independent Reviewer's copy is always sent by hand). */
const AUTHORITY = 'custody.reports@authority.example';
let t: TestApp;
let manager: Agent;

before(async () => {
  t = await createTestApp({
    config: {
      custodyVisiting: { ...readCustodyVisitingSettings({}), authorityEmail: AUTHORITY },
    },
  });
  manager = await signInNewAccount(t, 'scheme_manager');
});
after(() => t.close());

const today = () => todayInLondon(t.clock.now());

const checks = (present: number) => ({
  rightsCheck: 'satisfactory',
  healthCheck: 'satisfactory',
  cellsCheck: 'satisfactory',
  detaineesPresent: String(present),
  conditions: 'Clean and warm',
});

/** Begins a report as the pair's first visitor (from a visit on the rota, if given). */
async function begin(agent: Agent, pair: FactoryVisitingPair, extra: Record<string, string> = {}) {
  const started = await agent.post('/custody-visiting/reports/new', {
    idempotencyKey: randomUUID(),
    suiteId: pair.suite.id,
    secondVisitorId: pair.second.visitor.id,
    ...dateFields('visitedOn', today()),
    arrivedAt: '19:00',
    admittedAt: '19:00',
    ...extra,
  });
  assert.equal(started.statusCode, 303, started.body);
  return started.headers.location!;
}

async function addDetainee(agent: Agent, url: string, fields: Record<string, string>) {
  return agent.post(`${url}/detainees/new`, {
    idempotencyKey: randomUUID(),
    consent: 'yes',
    seen: 'yes',
    ...fields,
  });
}

const mailTo = (address: string) =>
  t.services.db.select().from(outbox).where(eq(outbox.toAddress, address));

test('ICV-09: a terrorism report is sent to the authority, copied to the Independent Reviewer, with recordings viewed recorded', async () => {
  const pair = await makeVisitingPair(t, { suite: `Terror Suite ${randomUUID().slice(0, 6)}` });
  const first = await signInAccount(t, pair.first.account);
  const second = await signInAccount(t, pair.second.account);
  const inspector = await signInAccount(t, await makeCustodyInspector(t, pair.suite));
  const url = await begin(first, pair);
  const reportId = url.split('/').pop()!;

  // The form asks for the legal power only, and says so.
  const form = text((await first.get(`${url}/detainees/new`)).body);
  assert.match(form, /Detained under terrorism legislation/);
  assert.match(form, /This records the legal power only: do not write the reason for detention/);
  assert.match(form, /Did you view recordings of their interviews\?/);

  // Viewing recordings is refused for a detainee not held under terrorism legislation.
  const refused = await addDetainee(first, url, {
    custodyRecordNumber: '01TR/1111/26',
    recordingsViewed: 'yes',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /There is a problem Recordings of interviews are viewed only for a detainee held under terrorism legislation/,
  );
  assert.match(refused.body, /href="#recordingsViewed"/);
  const unsaid = await addDetainee(first, url, {
    custodyRecordNumber: '01TR/2222/26',
    terrorism: 'yes',
  });
  assert.match(
    text(unsaid.body),
    /Select whether you viewed recordings of the detainee’s interviews/,
  );

  for (const fields of <Record<string, string>[]>[
    {
      custodyRecordNumber: '01TR/2222/26',
      terrorism: 'yes',
      recordingsViewed: 'yes',
      recordingsNotes: 'Two interviews of the first day',
    },
    { custodyRecordNumber: '01TR/3333/26' },
  ])
    assert.equal((await addDetainee(first, url, fields)).statusCode, 303);
  await first.post(`${url}/checks`, checks(2));
  let page = text((await first.get(url)).body);
  assert.match(
    page,
    /A detainee is held under terrorism legislation: when it is sent, the report also goes to the authority/,
  );
  assert.equal((await first.post(`${url}/confirm`, {})).statusCode, 303);
  const sent = await second.post(`${url}/confirm`, {});
  assert.equal(sent.statusCode, 303);
  assert.match(
    text((await second.get(url)).body),
    /sent to the custody inspector and the scheme manager, and to the authority with a copy to the Independent Reviewer of Terrorism Legislation/,
  );

  // Whoever reads the report sees it is a terrorism report, its copies dated, the recordings.
  for (const reader of [manager, inspector, first]) {
    page = text((await reader.get(url)).body);
    assert.match(page, /Terrorism legislation Terrorism report/);
    assert.match(
      page,
      new RegExp(`Copy to the authority E-mailed to ${AUTHORITY}, \\d+ \\w+ \\d{4}`),
    );
    assert.match(
      page,
      /Copy to the Independent Reviewer of Terrorism Legislation To be sent: the scheme manager sends it by a secure route/,
    );
    assert.match(page, /01TR\/2222\/26 Terrorism legislation/);
    assert.match(page, /Recordings of interviews Viewed: Two interviews of the first day/);
  }
  assert.match(
    text((await manager.get('/custody-visiting/reports')).body),
    new RegExp(`${pair.suite.name} Sent Terrorism legislation`),
  );
  // Only the manager is offered to record the copy sent by hand.
  assert.match(text((await manager.get(url)).body), /Record a copy sent by hand/);
  assert.doesNotMatch(text((await inspector.get(url)).body), /Record a copy sent by hand/);

  // The authority's copy is e-mailed: a link to the report, never a custody record number.
  const [mail] = await mailTo(AUTHORITY).then((all) =>
    all.filter((m) => m.bodyText.includes(reportId)),
  );
  assert.ok(mail, 'the authority is e-mailed');
  assert.match(mail.subject, /terrorism legislation/);
  assert.match(mail.bodyText, /Copy to the authority/);
  assert.match(mail.bodyText, new RegExp(`/custody-visiting/reports/${reportId}`));
  assert.doesNotMatch(mail.bodyText, /01TR/);
  assert.match(mail.bodyText, new RegExp(pair.suite.name));

  // The manager records the Independent Reviewer's copy sent by hand; refused without to whom.
  const [awaiting] = await t.services.db
    .select()
    .from(custodyVisitReportCopies)
    .where(
      and(
        eq(custodyVisitReportCopies.reportId, reportId),
        eq(custodyVisitReportCopies.recipient, 'terrorism_reviewer'),
      ),
    );
  assert.equal(awaiting!.sentAt, null);
  const noWhom = await manager.post(`${url}/copies`, {
    copyId: awaiting!.id,
    sentTo: '',
    ...dateFields('sentOn', today()),
  });
  assert.equal(noWhom.statusCode, 400);
  assert.match(text(noWhom.body), /There is a problem Enter to whom the copy was sent/);
  const future = await manager.post(`${url}/copies`, {
    copyId: awaiting!.id,
    sentTo: 'The Reviewer’s office',
    ...dateFields('sentOn', addCalendarDays(today(), 1)),
  });
  assert.match(
    text(future.body),
    /The date sent must be from the day the report was sent to today/,
  );
  assert.equal((await inspector.post(`${url}/copies`, { copyId: awaiting!.id })).statusCode, 403);
  const recorded = await manager.post(`${url}/copies`, {
    copyId: awaiting!.id,
    sentTo: 'The Reviewer’s office, by secure post',
    ...dateFields('sentOn', today()),
  });
  assert.equal(recorded.statusCode, 303, recorded.body);
  page = text((await manager.get(url)).body);
  assert.match(page, /The copy has been recorded as sent/);
  assert.match(
    page,
    /Copy to the Independent Reviewer of Terrorism Legislation Sent by hand to The Reviewer’s office, by secure post, \d+ \w+ \d{4}/,
  );
  assert.doesNotMatch(page, /Record a copy sent by hand/);
  const again = await manager.post(`${url}/copies`, {
    copyId: awaiting!.id,
    sentTo: 'Again',
    ...dateFields('sentOn', today()),
  });
  assert.equal(again.statusCode, 400);
  assert.match(text(again.body), /This copy has already been recorded as sent/);

  // Audited: the sending with its copies, and the copy sent by hand.
  const events = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.recordId, reportId));
  const actions = events.map((e) => e.action);
  assert.ok(actions.includes('custody-visit-report.submitted'));
  assert.equal(actions.filter((a) => a === 'custody-visit-report.copy-sent').length, 1);

  // The manager's review page shows the marker too.
  assert.match(
    text((await manager.get(`/custody-visiting/review/${reportId}`)).body),
    /Terrorism legislation A terrorism report: its copies to the authority and the Independent Reviewer/,
  );
});

test('ICV-09: a report without a terrorism detainee is not a terrorism report: no copy, no e-mail', async () => {
  const pair = await makeVisitingPair(t);
  const first = await signInAccount(t, pair.first.account);
  const second = await signInAccount(t, pair.second.account);
  const url = await begin(first, pair);
  await addDetainee(first, url, { custodyRecordNumber: '01NT/1000/26' });
  await first.post(`${url}/checks`, checks(1));
  await first.post(`${url}/confirm`, {});
  await second.post(`${url}/confirm`, {});
  const page = text((await manager.get(url)).body);
  assert.match(page, /Status Sent/);
  assert.doesNotMatch(page, /Terrorism report|Recordings of interviews/);
  const reportId = url.split('/').pop()!;
  assert.equal(
    (
      await t.services.db
        .select()
        .from(custodyVisitReportCopies)
        .where(eq(custodyVisitReportCopies.reportId, reportId))
    ).length,
    0,
  );
  assert.equal((await mailTo(AUTHORITY)).filter((m) => m.bodyText.includes(reportId)).length, 0);
});

test('ICV-03: a visitor writes the report of their visit on the rota, and once sent the visit is made', async () => {
  const pair = await makeVisitingPair(t, { second: 'Rota Partner' });
  const first = await signInAccount(t, pair.first.account);
  const second = await signInAccount(t, pair.second.account);
  const yesterday = addCalendarDays(today(), -1);
  const visit = await makeRotaVisit(t, pair, yesterday, { minutes: 19 * 60 + 5 });
  const later = await makeRotaVisit(t, pair, addCalendarDays(today(), 21));

  const visits = (await first.get('/custody-visiting/your-visits')).body;
  assert.match(visits, new RegExp(`href="/custody-visiting/reports/new\\?visit=${visit.id}"`));
  assert.doesNotMatch(visits, new RegExp(`visit=${later.id}`));
  assert.match(text(visits), /Write the report/);

  // The form is filled from the visit: its suite, the other visitor, the day and the time.
  const form = await first.get(`/custody-visiting/reports/new?visit=${visit.id}`);
  assert.equal(form.statusCode, 200);
  const said = text(form.body);
  assert.match(said, /This report is of your visit on the rota for the week beginning/);
  assert.match(said, new RegExp(`Custody suite ${pair.suite.name} The other visitor Rota Partner`));
  assert.match(form.body, /name="arrivedAt"[^>]*value="19:05"/);
  assert.match(
    form.body,
    new RegExp(`name="visitedOn-day"[^>]*value="${Number(yesterday.slice(8))}"`),
  );

  // Another panel's visitor, a future visit, or no such visit: not offered.
  const stranger = await signInAccount(t, (await makeLayVisitor(t, await makePanel(t))).account);
  assert.equal(
    (await stranger.get(`/custody-visiting/reports/new?visit=${visit.id}`)).statusCode,
    404,
  );
  const early = await first.get(`/custody-visiting/reports/new?visit=${later.id}`);
  assert.equal(early.statusCode, 409);
  assert.match(text(early.body), /This visit cannot be reported now/);

  // ICV-03: the report is of that visit: a day outside its week is refused, naming the field.
  const weekBefore = await first.post('/custody-visiting/reports/new', {
    idempotencyKey: randomUUID(),
    visitId: visit.id,
    ...dateFields('visitedOn', addCalendarDays(visit.weekStarting, -1)),
    arrivedAt: '19:05',
    admittedAt: '19:05',
  });
  assert.equal(weekBefore.statusCode, 400);
  assert.match(
    text(weekBefore.body),
    /The date of the visit must be in the week of the visit on the rota, \d+ \w+ \d{4} to \d+ \w+ \d{4}/,
  );
  assert.match(weekBefore.body, /href="#visitedOn-day"/);
  const none = await t.services.db
    .select({ id: custodyVisitReports.id })
    .from(custodyVisitReports)
    .where(eq(custodyVisitReports.visitId, visit.id));
  assert.equal(none.length, 0, 'a refused report writes nothing');

  const url = await begin(first, pair, {
    visitId: visit.id,
    ...dateFields('visitedOn', yesterday),
    arrivedAt: '19:05',
    admittedAt: '19:05',
    // What the form did not ask is not read: the suite and pair are the visit's.
    suiteId: '',
    secondVisitorId: '',
  });
  const reportId = url.split('/').pop()!;
  const [report] = await t.services.db
    .select()
    .from(custodyVisitReports)
    .where(eq(custodyVisitReports.id, reportId));
  assert.equal(report!.visitId, visit.id);
  assert.equal(report!.secondVisitorId, pair.second.visitor.id);
  // Begun: neither visitor is offered it again.
  for (const agent of [first, second])
    assert.doesNotMatch(
      (await agent.get('/custody-visiting/your-visits')).body,
      new RegExp(`visit=${visit.id}`),
    );
  assert.equal(
    (await first.get(`/custody-visiting/reports/new?visit=${visit.id}`)).statusCode,
    409,
  );

  // Its report begun, the visit is the pair's to report: the manager can neither swap a visitor
  // out of it nor record it missed, and nothing changes.
  const swap = await manager.post(`/custody-visiting/visits/${visit.id}/swap`, {
    version: String(visit.version),
    outgoing: pair.first.visitor.id,
    incoming: pair.second.visitor.id,
  });
  assert.equal(swap.statusCode, 409);
  assert.match(text(swap.body), /The pair has begun the report of this visit/);
  const missed = await manager.post(`/custody-visiting/visits/${visit.id}/missed`, {
    version: String(visit.version),
  });
  assert.equal(missed.statusCode, 409);
  assert.match(text(missed.body), /The pair has begun the report of this visit/);

  await first.post(`${url}/checks`, checks(0));
  await first.post(`${url}/confirm`, {});
  let [row] = await t.services.db
    .select()
    .from(custodyVisits)
    .where(eq(custodyVisits.id, visit.id));
  assert.equal(row!.status, 'planned');
  await second.post(`${url}/confirm`, {});
  [row] = await t.services.db.select().from(custodyVisits).where(eq(custodyVisits.id, visit.id));
  assert.equal(row!.status, 'made');
  assert.equal(row!.visitOn, yesterday);
  assert.equal(row!.visitMinutes, 19 * 60 + 5);
  assert.match(text((await first.get('/custody-visiting/your-visits')).body), /Made/);
});

test('ICV-07: a panel coordinator reads the sent reports of their panel, not its drafts nor another panel’s', async () => {
  const pair = await makeVisitingPair(t);
  const sent = await makeSentReport(t, pair, {
    submittedAt: `${today()}T10:00:00Z`,
    recordNumbers: ['01PC/1000/26'],
  });
  const draft = await makeSentReport(t, pair);
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, pair.panel));
  const other = await signInAccount(t, await makePanelCoordinator(t, await makePanel(t)));

  const list = (await coordinator.get('/custody-visiting/reports')).body;
  assert.match(list, new RegExp(`/custody-visiting/reports/${sent.id}`));
  assert.doesNotMatch(list, new RegExp(draft.id));
  const page = text((await coordinator.get(`/custody-visiting/reports/${sent.id}`)).body);
  assert.match(page, new RegExp(`Visit report: ${pair.suite.name}`));
  assert.match(page, /01PC\/1000\/26/);
  // Read only: nothing to confirm or change.
  assert.doesNotMatch(page, /Confirm the report|Add a detainee/);
  assert.equal((await coordinator.get(`/custody-visiting/reports/${draft.id}`)).statusCode, 404);
  assert.equal(
    (await coordinator.post(`/custody-visiting/reports/${sent.id}/confirm`, {})).statusCode,
    403,
  );

  // Another panel's coordinator: not found, not listed.
  const refused = await other.get(`/custody-visiting/reports/${sent.id}`);
  assert.equal(refused.statusCode, 404);
  assert.doesNotMatch(refused.body, /01PC/);
  assert.doesNotMatch((await other.get('/custody-visiting/reports')).body, new RegExp(sent.id));
});
