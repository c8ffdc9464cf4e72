/**
 * Issue 24 items 5 and 9 (ICV-08): the follow-up of visit reports through the pages: the scheme
 * manager's review queue (oldest first, an overdue review flagged, never a draft), a report's
 * review raising its issues and marked reviewed, the custody inspector of the suite answering,
 * the manager closing, escalating one unanswered too long, and the public summary. The
 * refusals: a summary with a custody record number, an inspector of another suite, a lay
 * visitor answering, a police user on the queue or a draft. Each test makes its own data.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, count, eq, like } from 'drizzle-orm';
import { custodyIssues } from '../../src/modules/custody-visiting/follow-up/schema.js';
import { readCustodyVisitingSettings } from '../../src/modules/custody-visiting/settings.js';
import { custodyVisitReports } from '../../src/modules/custody-visiting/reports/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeSentReport, makeVisitingPair } from '../factories/custody-reports.js';
import { makeCustodyInspector, makeSuite } from '../factories/custody-visiting.js';
import { textOf as text } from '../html.js';

const CHIEF = 'chief.custody@police.example';
let t: TestApp;
let manager: Agent;
let managerAccount: FactoryAccount;

before(async () => {
  // ICV-08: this scheme has set its chief inspector for custody's address.
  t = await createTestApp({
    config: {
      custodyVisiting: { ...readCustodyVisitingSettings({}), chiefInspectorEmail: CHIEF },
    },
  });
  managerAccount = await makeAccount(t, { role: 'scheme_manager' });
  manager = await signInAccount(t, managerAccount);
});
after(() => t.close());

const issuesOf = (reportId: string) =>
  t.services.db.select().from(custodyIssues).where(eq(custodyIssues.reportId, reportId));

const mailTo = async (email: string) =>
  (
    await t.services.db
      .select({ subject: outbox.subject })
      .from(outbox)
      .where(eq(outbox.toAddress, email))
  ).map((m) => m.subject);

/** Raises an issue from a report as the manager; its id. */
async function raise(reportId: string, summary: string, significant = 'no') {
  await manager.get(`/custody-visiting/review/${reportId}`);
  const raised = await manager.post(`/custody-visiting/review/${reportId}/issues`, {
    summary,
    significant,
  });
  assert.equal(raised.statusCode, 303, raised.body);
  const issues = await issuesOf(reportId);
  return issues.find((i) => i.summary === summary)!.id;
}

test('ICV-08: the review queue lists sent reports oldest first, flags an overdue review and never a draft', async () => {
  // The clock is Monday 23 November 2026.
  const pair = await makeVisitingPair(t, { suite: 'Queue Suite' });
  const old = await makeSentReport(t, pair, { submittedAt: '2026-11-10T20:00:00Z' });
  const recent = await makeSentReport(t, pair, { submittedAt: '2026-11-20T20:00:00Z' });
  const draft = await makeSentReport(t, pair);

  const queue = await manager.get('/custody-visiting/review');
  assert.equal(queue.statusCode, 200);
  const body = queue.body;
  assert.ok(body.indexOf(old.id) > 0 && body.indexOf(old.id) < body.indexOf(recent.id));
  assert.doesNotMatch(body, new RegExp(draft.id));
  const page = text(body);
  // Ten November: more than five working days ago. Twenty November: due five working days on.
  assert.match(page, /Queue Suite 10 November 2026 at 8pm Review overdue/);
  assert.match(page, /Queue Suite 20 November 2026 at 8pm Due by 27 November 2026/);

  // A draft is its visitors' alone: not even the manager reviews it.
  const refused = await manager.get(`/custody-visiting/review/${draft.id}`);
  assert.equal(refused.statusCode, 404);
  // The police see no review queue, and no review.
  const inspector = await signInAccount(t, await makeCustodyInspector(t, pair.suite));
  for (const url of ['/custody-visiting/review', `/custody-visiting/review/${draft.id}`]) {
    const police = await inspector.get(url);
    assert.equal(police.statusCode, 403, url);
    assert.doesNotMatch(police.body, /Queue Suite/);
  }
});

test('ICV-08: the manager raises issues from a report (never with a custody record number) and marks it reviewed', async () => {
  const pair = await makeVisitingPair(t, { suite: 'Review Suite' });
  const inspector = await makeCustodyInspector(t, pair.suite);
  const report = await makeSentReport(t, pair, {
    submittedAt: '2026-11-20T20:00:00Z',
    recordNumbers: ['01CD/7001/26'],
    followUp: 'Ask when the call bell in cell 2 will be repaired',
  });
  const url = `/custody-visiting/review/${report.id}`;
  const page = text((await manager.get(url)).body);
  assert.match(page, /Review the report on Review Suite/);
  assert.match(page, /Matters for follow-up Ask when the call bell in cell 2 will be repaired/);
  assert.match(page, /This summary is published. Never identify a detainee/);

  // ICV-05: the summary is published: one of the report's custody record numbers is refused.
  const refused = await manager.post(`${url}/issues`, {
    summary: 'Detainee 01cd 7001 26 had no working call bell',
    significant: 'no',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /Remove the custody record number: what is published must never identify a detainee/,
  );
  const missing = await manager.post(`${url}/issues`, {});
  assert.match(text(missing.body), /Enter a summary of the issue/);
  assert.match(text(missing.body), /Select whether the issue is significant/);
  assert.equal((await issuesOf(report.id)).length, 0);

  await raise(report.id, 'A cell call bell was not working', 'yes');
  await raise(report.id, 'The legal advice poster was missing');
  const reviewed = text((await manager.get(url)).body);
  assert.match(reviewed, /A cell call bell was not working Open/);
  assert.match(reviewed, /The legal advice poster was missing Open/);
  // The suite's custody inspector is told of each.
  assert.equal(
    (await mailTo(inspector.email)).filter((s) => /an issue at Review Suite to answer/.test(s))
      .length,
    2,
  );

  const marked = await manager.post(`${url}/reviewed`, { reviewNote: 'Two matters raised' });
  assert.equal(marked.statusCode, 303);
  assert.equal(marked.headers.location, '/custody-visiting/review');
  const [row] = await t.services.db
    .select()
    .from(custodyVisitReports)
    .where(eq(custodyVisitReports.id, report.id));
  assert.ok(row!.reviewedAt);
  assert.ok(row!.reviewedBy);
  assert.equal(row!.reviewNote, 'Two matters raised');
  assert.match(
    text((await manager.get(url)).body),
    new RegExp(`Reviewed by ${managerAccount.name} on 23 November 2026 at 10am`),
  );
  assert.doesNotMatch((await manager.get('/custody-visiting/review')).body, new RegExp(report.id));
  // Once reviewed, no more issues are raised from it.
  const late = await manager.post(`${url}/issues`, { summary: 'Another', significant: 'no' });
  assert.equal(late.statusCode, 409);
  assert.match(text(late.body), /This report has been reviewed/);
  assert.equal((await issuesOf(report.id)).length, 2);
});

test('ICV-08: the suite’s inspector answers, others are refused, the manager closes it, and the public summary shows it', async () => {
  const pair = await makeVisitingPair(t, {
    suite: 'Answer Suite',
    first: 'Ada Visitorname',
    second: 'Bo Visitorname',
  });
  const inspectorAccount = await makeCustodyInspector(t, pair.suite);
  const inspector = await signInAccount(t, inspectorAccount);
  const elsewhere = await signInAccount(t, await makeCustodyInspector(t, await makeSuite(t)));
  const visitor = await signInAccount(t, pair.first.account);
  const report = await makeSentReport(t, pair, {
    submittedAt: '2026-11-20T20:00:00Z',
    recordNumbers: ['01CD/7002/26'],
    followUp: 'Private follow-up text of the report',
  });
  const id = await raise(report.id, 'The blanket store had run out');
  const url = `/custody-visiting/follow-up/${id}`;

  // An inspector of another suite neither sees nor answers it.
  const hidden = await elsewhere.get(url);
  assert.equal(hidden.statusCode, 404);
  assert.doesNotMatch(hidden.body, /blanket store/);
  assert.doesNotMatch((await elsewhere.get('/custody-visiting/follow-up')).body, /blanket store/);
  await elsewhere.get('/custody-visiting/follow-up');
  assert.equal((await elsewhere.post(`${url}/answer`, { response: 'Not mine' })).statusCode, 404);

  // A lay visitor reads their report's issue but may not answer it.
  const read = text((await visitor.get(url)).body);
  assert.match(read, /Summary The blanket store had run out/);
  assert.doesNotMatch(read, /Answer this issue/);
  const notTheirs = await visitor.post(`${url}/answer`, { response: 'I will' });
  assert.equal(notTheirs.statusCode, 403);
  assert.doesNotMatch(text(notTheirs.body), /Response sent/);
  assert.equal((await issuesOf(report.id))[0]!.status, 'open');

  // The inspector of the suite sees it in their list and answers it.
  assert.match(
    text((await inspector.get('/custody-visiting/follow-up?status=open')).body),
    /Answer Suite The blanket store had run out Open/,
  );
  assert.match(text((await inspector.get(url)).body), /Answer this issue/);
  const empty = await inspector.post(`${url}/answer`, { response: ' ' });
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Enter the police response/);
  const answered = await inspector.post(`${url}/answer`, {
    response: 'The store is now checked every shift',
  });
  assert.equal(answered.statusCode, 303);
  assert.match(text((await inspector.get(url)).body), /Status Answered/);
  assert.ok((await mailTo(managerAccount.email)).some((s) => /has been answered/.test(s)));

  // The manager closes it, resolved, with a note; the inspector is told.
  await manager.get(url);
  const noOutcome = await manager.post(`${url}/close`, { closeNote: 'Done' });
  assert.equal(noOutcome.statusCode, 400);
  assert.match(text(noOutcome.body), /Select whether the issue was resolved/);
  const closed = await manager.post(`${url}/close`, {
    outcome: 'resolved',
    closeNote: 'Seen restocked on the next visit',
  });
  assert.equal(closed.statusCode, 303);
  assert.match(text((await manager.get(url)).body), /Status Closed \(Resolved\)/);
  assert.ok((await mailTo(inspectorAccount.email)).some((s) => /is closed/.test(s)));
  // One audit event per action.
  const [events] = await t.services.db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, id), like(auditEvents.action, 'custody-issue.%')));
  assert.equal(Number(events!.n), 3);

  // Anyone reads the summary: the suite, the issue and the response; never a detainee, a
  // visitor or the report's text.
  const anyone = new Agent(t.app);
  const published = await anyone.get('/custody-visiting/issues');
  assert.equal(published.statusCode, 200);
  const summary = text(published.body);
  assert.match(
    summary,
    /Answer Suite November 2026 The blanket store had run out The store is now checked every shift Closed: Resolved 0 days/,
  );
  for (const secret of [/01CD/i, /Visitorname/, /Private follow-up/])
    assert.doesNotMatch(published.body, secret);
  // Linked from the scheme's public page.
  assert.match((await anyone.get('/custody-visiting')).body, /href="\/custody-visiting\/issues"/);
});

test('ICV-08: an open issue unanswered after ten working days is escalated to the chief inspector; a significant one to the authority', async () => {
  const pair = await makeVisitingPair(t, { suite: 'Escalation Suite' });
  const inspector = await makeCustodyInspector(t, pair.suite);
  const report = await makeSentReport(t, pair, { submittedAt: '2026-11-02T20:00:00Z' });
  const late = await raise(report.id, 'Unanswered for weeks', 'yes');
  const soon = await raise(report.id, 'Raised today');
  // Raised on Monday 2 November: fifteen working days before the clock's 23 November.
  await t.services.db
    .update(custodyIssues)
    .set({ raisedOn: '2026-11-02', raisedAt: new Date('2026-11-02T10:00:00Z') })
    .where(eq(custodyIssues.id, late));

  const page = text((await manager.get(`/custody-visiting/follow-up/${late}`)).body);
  assert.match(page, /Not answered within the working days allowed \(due by 16 November 2026\)/);
  assert.match(
    text((await manager.get('/custody-visiting/follow-up?status=open')).body),
    /Unanswered for weeks Open Due to go to the chief inspector/,
  );
  const notDue = await manager.post(`/custody-visiting/follow-up/${soon}/escalate`, {});
  assert.equal(notDue.statusCode, 409);
  assert.match(text(notDue.body), /not yet due to go to the chief inspector for custody/);

  assert.equal(
    (await manager.post(`/custody-visiting/follow-up/${late}/escalate`, {})).statusCode,
    303,
  );
  assert.equal(
    (await manager.post(`/custody-visiting/follow-up/${late}/authority`, {})).statusCode,
    303,
  );
  const after = text((await manager.get(`/custody-visiting/follow-up/${late}`)).body);
  assert.match(after, /Escalated to the chief inspector for custody 23 November 2026/);
  assert.match(after, /Escalated to the authority 23 November 2026/);
  assert.ok(
    (await mailTo(inspector.email)).some((s) => /escalated to the chief inspector/.test(s)),
  );
  assert.ok((await mailTo(CHIEF)).some((s) => /escalated to the chief inspector/.test(s)));
  // Not significant: not for the authority.
  const refused = await manager.post(`/custody-visiting/follow-up/${soon}/authority`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(text(refused.body), /Only a significant issue is escalated to the authority/);
});
