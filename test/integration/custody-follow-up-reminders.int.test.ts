/**
 * Issue 24 (ICV-08): nothing waits unnoticed. The module's sweep e-mails the scheme managers one
 * list of the reports whose review has become overdue and one of the open issues that have become
 * due to go to the chief inspector for custody, each item once: a second run, a later day, or a
 * second instance sweeping at the same moment sends nothing again. Nobody else is e-mailed, and
 * nothing is escalated by the sweep. The clock is Monday 23 November 2026, 10:00; reviews are
 * overdue after 5 working days (sent on 15 November or before), issues due after 10 (raised on
 * 8 November or before). Each test makes its own suite and reads only what names it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import { and, eq, inArray, like } from 'drizzle-orm';
import { custodyIssues } from '../../src/modules/custody-visiting/follow-up/schema.js';
import { createFollowUpRemindersService } from '../../src/modules/custody-visiting/follow-up/reminders-service.js';
import { custodyVisitReports } from '../../src/modules/custody-visiting/reports/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { roleAssignments, users } from '../../src/platform/auth/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeSentReport, makeVisitingPair } from '../factories/custody-reports.js';
import { makeCustodyInspector } from '../factories/custody-visiting.js';

let t: TestApp;
let managers: FactoryAccount[];

before(async () => {
  t = await createTestApp();
  managers = [
    await makeAccount(t, { role: 'scheme_manager' }),
    await makeAccount(t, { role: 'scheme_manager' }),
  ];
  // A scheme manager whose account is deactivated is not e-mailed.
  const gone = await makeAccount(t, { role: 'scheme_manager' });
  await t.services.db.update(users).set({ status: 'deactivated' }).where(eq(users.id, gone.userId));
});
afterEach(() => t.clock.reset());
after(() => t.close());

const sweep = () => t.services.custodyFollowUpReminders.sendReminders();

/** Every reminder queued that names this suite: to whom, its subject and its text. */
async function remindersAbout(suite: string) {
  return t.services.db
    .select({ to: outbox.toAddress, subject: outbox.subject, text: outbox.bodyText })
    .from(outbox)
    .where(and(like(outbox.subject, 'Custody visiting: %'), like(outbox.bodyText, `%${suite}%`)))
    .orderBy(outbox.toAddress, outbox.subject);
}

/** Every active scheme manager's address: the file's two, and any another test made. */
async function activeManagers(): Promise<string[]> {
  const rows = await t.services.db
    .select({ email: users.email })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(roleAssignments.role, 'scheme_manager'), eq(users.status, 'active')));
  return rows.map((r) => r.email).sort();
}

/** A visiting pair at a suite named for this test, its inspector, and a reviewed report. */
async function scheme() {
  const suite = `Reminder Suite ${randomBytes(3).toString('hex')}`;
  const pair = await makeVisitingPair(t, { suite });
  const inspector = await makeCustodyInspector(t, pair.suite);
  return { suite, pair, inspector };
}

async function issue(
  reportId: string,
  suiteId: string,
  summary: string,
  raisedOn: string,
  set: Partial<typeof custodyIssues.$inferInsert> = {},
) {
  const [row] = await t.services.db
    .insert(custodyIssues)
    .values({
      reportId,
      suiteId,
      summary,
      significant: false,
      raisedAt: new Date(`${raisedOn}T11:00:00Z`),
      raisedOn,
      raisedBy: managers[0]!.userId,
      ...set,
    })
    .returning({ id: custodyIssues.id });
  return row!.id;
}

test('ICV-08: the scheme managers get one e-mail listing the reviews overdue and one listing the issues due to escalate, once', async () => {
  const { suite, pair, inspector } = await scheme();
  const late = await makeSentReport(t, pair, { submittedAt: '2026-11-10T20:00:00Z' });
  const later = await makeSentReport(t, pair, { submittedAt: '2026-11-13T20:00:00Z' });
  const recent = await makeSentReport(t, pair, { submittedAt: '2026-11-19T20:00:00Z' });
  const reviewed = await makeSentReport(t, pair, { submittedAt: '2026-11-02T20:00:00Z' });
  await t.services.db
    .update(custodyVisitReports)
    .set({ reviewedAt: new Date('2026-11-04T12:00:00Z'), reviewedBy: managers[0]!.userId })
    .where(eq(custodyVisitReports.id, reviewed.id));
  const due = await issue(
    reviewed.id,
    pair.suite.id,
    'The blanket store had run out',
    '2026-11-06',
  );
  await issue(reviewed.id, pair.suite.id, 'Already escalated', '2026-11-02', {
    escalatedAt: new Date('2026-11-20T09:00:00Z'),
  });
  await issue(reviewed.id, pair.suite.id, 'Answered in time', '2026-11-02', {
    status: 'answered',
    response: 'Repaired',
    answeredAt: new Date('2026-11-09T09:00:00Z'),
  });
  await issue(reviewed.id, pair.suite.id, 'Raised last week', '2026-11-16');

  const first = await sweep();
  assert.ok(first.reviews >= 2 && first.issues >= 1, JSON.stringify(first));

  const mails = await remindersAbout(suite);
  const expected = await activeManagers();
  assert.ok(managers.every((m) => expected.includes(m.email)));
  // Each active manager: one e-mail about reviews and one about issues; nobody else at all.
  assert.deepEqual([...new Set(mails.map((m) => m.to))].sort(), expected);
  for (const manager of expected) {
    const theirs = mails.filter((m) => m.to === manager);
    assert.equal(theirs.length, 2, manager);
    assert.match(theirs.map((m) => m.subject).join('\n'), /reviews are overdue/);
    assert.match(theirs.map((m) => m.subject).join('\n'), /due to go to the chief inspector/);
  }
  for (const someone of [inspector, pair.first.account, pair.second.account])
    assert.equal(mails.filter((m) => m.to === someone.email).length, 0, someone.email);

  const reviews = mails.find((m) => m.to === managers[0]!.email && /reviews/.test(m.subject))!;
  assert.match(
    reviews.text,
    new RegExp(
      `- ${suite}, visited 10 November 2026, sent 10 November 2026: \\S+/custody-visiting/review/${late.id}`,
    ),
  );
  assert.match(
    reviews.text,
    new RegExp(`visited 13 November 2026, sent 13 November 2026: \\S+${later.id}`),
  );
  assert.doesNotMatch(reviews.text, new RegExp(recent.id));
  assert.doesNotMatch(reviews.text, new RegExp(reviewed.id));

  const issues = mails.find(
    (m) => m.to === managers[0]!.email && /chief inspector/.test(m.subject),
  )!;
  assert.match(
    issues.subject,
    /^Custody visiting: 1 issue is due to go to the chief inspector for custody$/,
  );
  assert.match(
    issues.text,
    new RegExp(
      `- ${suite}, raised 6 November 2026: The blanket store had run out\\n  \\S+/custody-visiting/follow-up/${due}`,
    ),
  );
  for (const notDue of ['Already escalated', 'Answered in time', 'Raised last week'])
    assert.doesNotMatch(issues.text, new RegExp(notDue));

  // Reminded, not escalated: that stays the manager's act.
  const [after] = await t.services.db.select().from(custodyIssues).where(eq(custodyIssues.id, due));
  assert.equal(after!.escalatedAt, null);
  assert.equal(after!.status, 'open');

  // Audited, by the system, with the reports and issues reminded of.
  const events = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      inArray(auditEvents.action, [
        'custody-visit-report.review-overdue-reminder-sent',
        'custody-issue.escalation-due-reminder-sent',
      ]),
    );
  const reportsAudited = events.flatMap((e) => (e.after as { reports?: string[] }).reports ?? []);
  const issuesAudited = events.flatMap((e) => (e.after as { issues?: string[] }).issues ?? []);
  assert.ok(reportsAudited.includes(late.id) && reportsAudited.includes(later.id));
  assert.ok(issuesAudited.includes(due));
  assert.ok(events.every((e) => e.actorUserId === null && e.actorLabel === 'system'));

  // A second run, and the next day's: nothing more about these.
  await sweep();
  t.clock.advanceMinutes(24 * 60);
  await sweep();
  assert.equal((await remindersAbout(suite)).length, mails.length);

  // Friday 27th: the report sent on the 19th has become overdue, and is the only one listed.
  t.clock.advanceMinutes(3 * 24 * 60);
  await sweep();
  const friday = (await remindersAbout(suite)).filter((m) => m.to === managers[1]!.email);
  assert.equal(friday.length, 3);
  const newest = friday.find((m) => m.text.includes(recent.id))!;
  assert.doesNotMatch(newest.text, new RegExp(`${late.id}|${later.id}`));
});

test('ICV-08: two instances sweeping at the same moment send each reminder once', async () => {
  const { suite, pair } = await scheme();
  const report = await makeSentReport(t, pair, { submittedAt: '2026-11-09T20:00:00Z' });
  await issue(report.id, pair.suite.id, 'Cell call bells not working', '2026-11-03');
  // Two instances: their own services on the same database and clock. The first holds its
  // transaction open as it queues its e-mails, and the second sweeps meanwhile (on PostgreSQL;
  // PGlite's one connection makes the second wait its turn).
  let queueing!: () => void;
  const firstQueues = new Promise<void>((resolve) => (queueing = resolve));
  const instance = (mail: typeof t.services.mail) =>
    createFollowUpRemindersService({
      db: t.services.db,
      mail,
      now: t.clock.now,
      t: t.services.t,
      publicUrl: t.config.publicUrl,
      reviewOverdueWorkingDays: t.config.custodyVisiting.reviewOverdueWorkingDays,
      issueEscalationWorkingDays: t.config.custodyVisiting.issueEscalationWorkingDays,
    });
  const slow = instance({
    ...t.services.mail,
    queueMany: async (tx, messages) => {
      queueing();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return t.services.mail.queueMany(tx, messages);
    },
  });
  const first = slow.sendReminders();
  await firstQueues;
  const counts = await Promise.all([first, instance(t.services.mail).sendReminders()]);
  assert.equal(counts[1].reviews + counts[1].issues, 0, JSON.stringify(counts));
  const mails = await remindersAbout(suite);
  const expected = await activeManagers();
  for (const manager of expected) {
    const theirs = mails.filter((m) => m.to === manager);
    assert.equal(theirs.filter((m) => m.text.includes(report.id)).length, 1, manager);
    assert.equal(theirs.filter((m) => /Cell call bells/.test(m.text)).length, 1, manager);
  }
});
