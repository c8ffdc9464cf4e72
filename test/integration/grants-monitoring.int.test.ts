/**
 * Issue 26 part 4 (LEG-06, CDRP-12, CON-04): an awarded grant's monitoring through its pages: the
 * schedule of returns, a return sent by the applicant and accepted by an authority officer, spend
 * to date against the budget, late returns listed and chased by e-mail, underspend giving money
 * back to the fund's year, the evaluation required before a new award, and spending per borough
 * as a page and CSV; with the refusals of bad input and of those who may not. The clock is
 * Monday 23 November 2026, 10:00; each test makes its own funds, boroughs and grants.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import {
  evaluationsOutstanding,
  loadGrantsMonitoringDemo,
} from '../../src/modules/grants/index.js';
import { monitoringPersonData } from '../../src/modules/grants/monitoring/index.js';
import {
  grantAdjustments,
  grantEvaluations,
  grantFundYears,
  grantPayments,
  grantReturns,
} from '../../src/modules/grants/schema.js';
import { people } from '../../src/modules/directory/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { createTestApp, dateFields, principalFor, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeBorough, makeOrganisation } from '../factories/directory.js';
import {
  makeAwardedApplication,
  makeEngagementGroup,
  makeFund,
  makeRound,
} from '../factories/grants.js';
import { mainOf, rowOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let officerPrincipal: UserPrincipal;

before(async () => {
  t = await createTestApp();
  const account = await makeAccount(t, { role: 'authority_officer' });
  officer = await signInAccount(t, account);
  officerPrincipal = await principalFor(t, account.email);
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));

/** An awarded grant from a new engagement group, with its engagement officer signed in. */
async function awardedGrant(
  options: Parameters<typeof makeAwardedApplication>[2] & { fundId?: string } = {},
) {
  const fundId = options.fundId ?? (await makeFund(t)).id;
  const round = await makeRound(t, fundId);
  const grant = await makeAwardedApplication(t, round.id, options);
  const account = await makeAccount(t, {
    role: 'engagement_officer',
    scope: { type: 'engagement_group', id: grant.engagementGroupId! },
  });
  return { grant, fundId, round, account, applicant: await signInAccount(t, account) };
}

/** The schedule made as the award would have made it on `day` (the clock put back after). */
async function scheduleOn(applicationId: string, day: string) {
  const kept = t.clock.current;
  t.clock.current = new Date(`${day}T10:00:00Z`);
  try {
    await t.services.grantsMonitoring.makeSchedule(officerPrincipal, applicationId);
  } finally {
    t.clock.current = kept;
  }
}

const returnsOf = (applicationId: string) =>
  t.services.db
    .select()
    .from(grantReturns)
    .where(eq(grantReturns.applicationId, applicationId))
    .orderBy(grantReturns.period);

test('LEG-06: an officer makes the schedule of a 12-month grant: 4 quarterly returns, the last final; made twice, still 4', async () => {
  const { grant } = await awardedGrant({ startsOn: '2027-01-01', endsOn: '2027-12-31' });
  const href = `/grants/monitoring/${grant.id}`;
  assert.match(text((await officer.get(href)).body), /No monitoring returns have been scheduled/);
  const made = await officer.post(`${href}/schedule`, {});
  assert.equal(made.statusCode, 303);
  const page = text((await officer.get(href)).body);
  assert.match(page, /4 monitoring returns have been scheduled/);
  const returns = tableOf((await officer.get(href)).body, /Period/);
  assert.equal(returns.rows.length, 4);
  assert.match(returns.rows[0]![0]!, /Return 1: 1 January 2027 to 31 March 2027/);
  assert.equal(returns.rows[0]![1], '28 April 2027');
  assert.match(returns.rows[3]![0]!, /Return 4: 1 October 2027 to 31 December 2027 \(final\)/);
  assert.equal(returns.rows[3]![3], 'Not yet open');
  await officer.post(`${href}/schedule`, {});
  assert.equal((await returnsOf(grant.id)).length, 4);
  assert.deepEqual(
    (await returnsOf(grant.id)).map((r) => r.final),
    [false, false, false, true],
  );
});

test('LEG-06: a grant awarded after it started is not late at once: its past returns are due 28 days from the day the schedule is made', async () => {
  const { grant } = await awardedGrant({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const href = `/grants/monitoring/${grant.id}`;
  assert.equal((await officer.post(`${href}/schedule`, {})).statusCode, 303);
  const returns = tableOf((await officer.get(href)).body, /Period/);
  assert.deepEqual(
    returns.rows.map((r) => [r[1], r[3]]),
    [
      ['21 December 2026', 'Open'],
      ['21 December 2026', 'Open'],
      ['21 December 2026', 'Open'],
      ['28 January 2027', 'Open'],
    ],
  );
  const late = text((await officer.get('/grants/late-returns')).body);
  assert.doesNotMatch(late, new RegExp(`G-${grant.reference}`));
});

test('LEG-06, CDRP-12: the applicant sends a return with spend and progress; the page shows spend to date; the officer accepts it', async () => {
  const { grant, applicant } = await awardedGrant({ startsOn: '2026-07-01', endsOn: '2027-06-30' });
  await t.services.grantsMonitoring.makeSchedule(officerPrincipal, grant.id);
  const [first, second] = await returnsOf(grant.id);
  const href = `/grants/monitoring/${grant.id}`;
  const page = await applicant.get(href);
  assert.match(text(page.body), /Send this return/);
  const url = `${href}/returns/${first!.id}`;
  const [venue, food] = grant.budgetLines;
  const [trust, attend] = grant.outcomes;

  // Nothing said: each field named; a negative spend refused; nothing written.
  const refused = await applicant.post(url, { [`spend-${venue!.id}`]: '-10' });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /There is a problem/);
  assert.match(
    said,
    /Enter what was spent on Budget line 1 in pounds, like 120.50, or leave it blank/,
  );
  assert.match(said, /Select the progress on “Young people trust the police more”/);
  assert.match(said, /Enter what was done in the period/);
  assert.equal((await returnsOf(grant.id))[0]!.submittedAt, null);

  // The second return cannot be sent before the first.
  const early = await applicant.post(`${href}/returns/${second!.id}`, { progress: 'x' });
  assert.equal(early.statusCode, 409);
  // Said, without a link to a field the page does not have in this state.
  assert.match(text(early.body), /This return cannot be sent now/);
  assert.doesNotMatch(early.body, /href="#progress"/);

  const sent = await applicant.post(url, {
    [`spend-${venue!.id}`]: '£250.50',
    [`spend-${food!.id}`]: '',
    [`status-${trust!.id}`]: 'on_track',
    [`note-${trust!.id}`]: 'Survey taken at the first event',
    [`status-${attend!.id}`]: 'behind',
    progress: 'Two listening events held in the library.',
  });
  assert.equal(sent.statusCode, 303, text(sent.body));
  const after = text((await applicant.get(href)).body);
  assert.match(after, /Monitoring return 1 has been sent/);
  const budget = tableOf((await applicant.get(href)).body, /Budget line/);
  assert.deepEqual(rowOf(budget, 'Budget line 1'), {
    'Budget line': 'Budget line 1',
    Budget: '£600.00',
    'Spent to date': '£250.50',
    Remaining: '£349.50',
  });
  assert.match(summaryOf((await applicant.get(href)).body).get('Spent to date')!, /£250.50/);
  const outcomes = tableOf((await applicant.get(href)).body, /Latest progress/);
  assert.equal(
    rowOf(outcomes, 'Young people trust')['Latest progress'],
    'On track: Survey taken at the first event',
  );
  // The applicant cannot accept; the officer can, once.
  assert.equal((await applicant.post(`${url}/accept`, {})).statusCode, 403);
  const returnPage = text((await officer.get(url)).body);
  assert.match(returnPage, /Two listening events held in the library/);
  assert.match(returnPage, /Accept the return/);
  assert.equal((await officer.post(`${url}/accept`, {})).statusCode, 303);
  assert.match(text((await officer.get(href)).body), /Monitoring return 1 has been accepted/);
  const again = await officer.post(`${url}/accept`, {});
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /Only a return that has been sent and not yet accepted/);
  assert.doesNotMatch(again.body, /href="#accept"/);
  // Over budget is sent, and warned of.
  const [, , third] = await returnsOf(grant.id);
  void third;
  const second2 = await applicant.post(`${href}/returns/${second!.id}`, {
    [`spend-${venue!.id}`]: '400',
    [`status-${trust!.id}`]: 'achieved',
    [`status-${attend!.id}`]: 'on_track',
    progress: 'A youth panel met.',
  });
  assert.equal(second2.statusCode, 303);
  assert.match(
    text((await applicant.get(href)).body),
    /Monitoring return 2 has been sent Spending is now over budget on: Budget line 1/,
  );
});

test('LEG-06: a late return is listed with its days late and chased by e-mail once, not again that day, again after 14 days', async () => {
  const { grant, account } = await awardedGrant({ startsOn: '2020-01-01', endsOn: '2020-03-31' });
  await scheduleOn(grant.id, '2019-12-01');
  const late = await officer.get('/grants/late-returns');
  const table = tableOf(late.body, /Days late/);
  const row = rowOf(table, `G-${grant.reference} ${grant.projectTitle}`);
  assert.equal(row.Due, '28 April 2020');
  assert.equal(row['Days late'], '2400');
  assert.equal(row['Last chased'], 'Not yet');

  const mailTo = () =>
    t.services.db
      .select({ to: outbox.toAddress, text: outbox.bodyText })
      .from(outbox)
      .where(like(outbox.subject, `Monitoring return 1 for G-${grant.reference} %`));
  // Two instances sweeping at once chase it once.
  await Promise.all([
    t.services.grantsLateReturns.sendChasers(),
    t.services.grantsLateReturns.sendChasers(),
  ]);
  const sent = await mailTo();
  assert.deepEqual(
    sent.map((m) => m.to),
    [account.email],
  );
  assert.match(sent[0]!.text, /was due on 28 April 2020 and is 2400 days late/);
  assert.equal(
    rowOf(
      tableOf((await officer.get('/grants/late-returns')).body, /Days late/),
      `G-${grant.reference}`,
    )['Last chased'],
    '23 November 2026',
  );
  t.clock.advanceMinutes(8 * 60);
  await t.services.grantsLateReturns.sendChasers();
  assert.equal((await mailTo()).length, 1);
  t.clock.current = new Date('2026-12-07T10:00:00Z');
  await t.services.grantsLateReturns.sendChasers();
  assert.equal((await mailTo()).length, 2);
});

test('LEG-06: a late return with nobody to e-mail is still marked chased, so the sweep moves on to the next; each grant chased is audited', async () => {
  // The oldest late return: a grant whose engagement group has no officer to e-mail.
  const round = await makeRound(t, (await makeFund(t)).id);
  const nobody = await makeAwardedApplication(t, round.id, {
    startsOn: '1990-01-01',
    endsOn: '1990-03-31',
  });
  await scheduleOn(nobody.id, '1989-12-01');
  const { grant, account } = await awardedGrant({ startsOn: '1991-01-01', endsOn: '1991-03-31' });
  await scheduleOn(grant.id, '1990-12-01');
  const mailTo = () =>
    t.services.db
      .select({ to: outbox.toAddress })
      .from(outbox)
      .where(like(outbox.subject, `Monitoring return 1 for G-${grant.reference} %`));

  // A sweep of one claims the oldest, e-mails nobody, and marks it; the next sweep goes on.
  assert.equal(await t.services.grantsLateReturns.sendChasers(1), 1);
  assert.deepEqual(await mailTo(), []);
  await t.services.grantsLateReturns.sendChasers(1);
  assert.deepEqual(
    (await mailTo()).map((m) => m.to),
    [account.email],
  );
  const list = tableOf((await officer.get('/grants/late-returns')).body, /Days late/);
  assert.equal(rowOf(list, `G-${nobody.reference}`)['Last chased'], '23 November 2026');
  assert.equal(rowOf(list, `G-${grant.reference}`)['Last chased'], '23 November 2026');
  const audited = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'grant-return.chased'), eq(auditEvents.recordId, nobody.id)));
  assert.equal(audited.length, 1);
  assert.equal(audited[0]!.recordType, 'grant-application');
  assert.deepEqual(audited[0]!.after, {
    returns: [(await returnsOf(nobody.id))[0]!.id],
    emailed: 0,
  });
});

test('LEG-06: a grant evaluated is closed: its final return never sent is neither listed late nor chased', async () => {
  const { grant } = await awardedGrant({ startsOn: '2021-01-01', endsOn: '2021-03-31' });
  await scheduleOn(grant.id, '2020-12-01');
  const listed = async () =>
    text((await officer.get('/grants/late-returns')).body).includes(`G-${grant.reference}`);
  assert.equal(await listed(), true);
  const saved = await officer.post(`/grants/monitoring/${grant.id}/evaluation`, {
    effectiveness: 'poor',
    valueForMoney: 'poor',
    findings: 'The final return was never sent.',
  });
  assert.equal(saved.statusCode, 303, text(saved.body));
  assert.equal(await listed(), false);
  await t.services.grantsLateReturns.sendChasers();
  const mail = await t.services.db
    .select()
    .from(outbox)
    .where(like(outbox.subject, `Monitoring return 1 for G-${grant.reference} %`));
  assert.deepEqual(mail, []);
  assert.equal((await returnsOf(grant.id))[0]!.chasedAt, null);
});

test('LEG-06: whoever sent the application but no longer acts for the applicant cannot read the grant, is not offered its return and is not chased', async () => {
  const elsewhere = await makeEngagementGroup(t);
  const former = await makeAccount(t, {
    role: 'engagement_officer',
    scope: { type: 'engagement_group', id: elsewhere.id },
  });
  const { grant, account } = await awardedGrant({
    startsOn: '2022-01-01',
    endsOn: '2022-03-31',
    submittedBy: former.userId,
  });
  await scheduleOn(grant.id, '2021-12-01');
  const agent = await signInAccount(t, former);
  assert.equal((await agent.get(`/grants/monitoring/${grant.id}`)).statusCode, 403);
  assert.doesNotMatch(
    text((await agent.get('/')).body),
    new RegExp(`Send the monitoring return for ${grant.projectTitle}`),
  );
  await t.services.grantsLateReturns.sendChasers();
  const mail = await t.services.db
    .select({ to: outbox.toAddress })
    .from(outbox)
    .where(like(outbox.subject, `Monitoring return 1 for G-${grant.reference} %`));
  assert.deepEqual(
    mail.map((m) => m.to),
    [account.email],
  );
});

test('LEG-06: a community organisation’s late return is chased to those who sent for it and are in it now, not to one who has left it', async () => {
  const organisation = await makeOrganisation(t, { kind: 'community' });
  const member = await makeAccount(t, { role: 'advisor' });
  const leaver = await makeAccount(t, { role: 'advisor' });
  await t.services.db
    .update(people)
    .set({ organisationId: organisation.id })
    .where(eq(people.id, member.personId));
  const round = await makeRound(t, (await makeFund(t)).id);
  const options = { organisationId: organisation.id, startsOn: '2023-01-01', endsOn: '2023-03-31' };
  const sent = await makeAwardedApplication(t, round.id, {
    ...options,
    submittedBy: member.userId,
  });
  const left = await makeAwardedApplication(t, round.id, {
    ...options,
    submittedBy: leaver.userId,
  });
  await scheduleOn(sent.id, '2022-12-01');
  await scheduleOn(left.id, '2022-12-01');
  await t.services.grantsLateReturns.sendChasers();
  const mailTo = async (reference: number) =>
    (
      await t.services.db
        .select({ to: outbox.toAddress })
        .from(outbox)
        .where(like(outbox.subject, `Monitoring return 1 for G-${reference} %`))
    ).map((m) => m.to);
  assert.deepEqual(await mailTo(sent.reference), [member.email]);
  assert.deepEqual(await mailTo(left.reference), []);
  assert.equal((await returnsOf(left.id))[0]!.chasedAt?.toISOString(), '2026-11-23T10:00:00.000Z');
});

test('CDRP-12: an underspend gives money back to the fund’s year and comes off the instalment still to be paid; more than what is left, or than is unpaid, is refused naming the amount, with nothing written', async () => {
  const { grant, fundId, applicant } = await awardedGrant({
    instalments: [{ amountPence: 500_00, batched: true }, { amountPence: 500_00 }],
  });
  const instalments = async () =>
    (
      await t.services.db
        .select()
        .from(grantPayments)
        .where(eq(grantPayments.applicationId, grant.id))
        .orderBy(grantPayments.instalment)
    ).map((p) => [p.instalment, p.amountPence, !!p.batchId]);
  const committed = async () =>
    (
      await t.services.db
        .select()
        .from(grantFundYears)
        .where(and(eq(grantFundYears.fundId, fundId), eq(grantFundYears.startYear, 2026)))
    )[0]!.committedPence;
  assert.equal(await committed(), 1000_00);
  const url = `/grants/monitoring/${grant.id}/adjustments/new`;
  assert.equal(
    (await applicant.post(url, { kind: 'underspend', amount: '10', reason: 'x' })).statusCode,
    403,
  );
  const form = text((await officer.get(url)).body);
  assert.match(form, /Awarded £1,000.00; £1,000.00 can still be given back/);
  const ok = await officer.post(url, {
    kind: 'underspend',
    amount: '150',
    reason: 'The venue was free',
    ...dateFields('recordedOn', '2026-11-20'),
  });
  assert.equal(ok.statusCode, 303, text(ok.body));
  assert.equal(await committed(), 850_00);
  // Not paid out as well: the unpaid instalment is cut by it; the one in a batch is left.
  assert.deepEqual(await instalments(), [
    [1, 500_00, true],
    [2, 350_00, false],
  ]);
  const page = await officer.get(`/grants/monitoring/${grant.id}`);
  assert.match(
    text(page.body),
    /Underspend of £150.00 has been recorded and given back to the fund/,
  );
  assert.equal(summaryOf(page.body).get('Net award'), '£850.00');

  const unpaid = await officer.post(url, {
    kind: 'underspend',
    amount: '350.01',
    reason: 'Fewer events',
    ...dateFields('recordedOn', '2026-11-20'),
  });
  assert.equal(unpaid.statusCode, 400);
  assert.match(
    text(unpaid.body),
    /An underspend must be no more than £350.00, what is still to be paid of the grant/,
  );
  assert.match(unpaid.body, /href="#amount"/);
  assert.equal(await committed(), 850_00);

  const over = await officer.post(url, {
    kind: 'clawback',
    amount: '850.01',
    reason: 'Events not held',
    ...dateFields('recordedOn', '2026-11-20'),
  });
  assert.equal(over.statusCode, 400);
  assert.match(
    text(over.body),
    /The amount must be no more than £850.00, what is left of the award after earlier underspend and clawback/,
  );
  assert.match(over.body, /href="#amount"/);
  assert.equal(await committed(), 850_00);
  assert.equal(
    (
      await t.services.db
        .select()
        .from(grantAdjustments)
        .where(eq(grantAdjustments.applicationId, grant.id))
    ).length,
    1,
  );
  assert.deepEqual(await instalments(), [
    [1, 500_00, true],
    [2, 350_00, false],
  ]);
});

test('CDRP-12: a clawback cuts the unpaid instalments last first, removing those it empties; the rest is to be recovered, said on the grant page; the audit keeps the fund year before and after', async () => {
  const { grant, fundId } = await awardedGrant({
    instalments: [
      { amountPence: 400_00, batched: true },
      { amountPence: 300_00 },
      { amountPence: 300_00 },
    ],
  });
  const ok = await officer.post(`/grants/monitoring/${grant.id}/adjustments/new`, {
    kind: 'clawback',
    amount: '750',
    reason: 'Half the events were not held',
    ...dateFields('recordedOn', '2026-11-20'),
  });
  assert.equal(ok.statusCode, 303, text(ok.body));
  const left = await t.services.db
    .select()
    .from(grantPayments)
    .where(eq(grantPayments.applicationId, grant.id));
  assert.deepEqual(
    left.map((p) => [p.instalment, p.amountPence, !!p.batchId]),
    [[1, 400_00, true]],
  );
  const [year] = await t.services.db
    .select()
    .from(grantFundYears)
    .where(and(eq(grantFundYears.fundId, fundId), eq(grantFundYears.startYear, 2026)));
  assert.equal(year!.committedPence, 250_00);
  const page = await officer.get(`/grants/monitoring/${grant.id}`);
  assert.match(text(page.body), /£150.00 to be recovered/);
  assert.equal(summaryOf(page.body).get('Net award'), '£250.00');
  const [row] = await t.services.db
    .select()
    .from(grantAdjustments)
    .where(eq(grantAdjustments.applicationId, grant.id));
  assert.equal(row!.recoverPence, 150_00);
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, 'grant-clawback.recorded'), eq(auditEvents.recordId, grant.id)),
    );
  const after = audit!.after as {
    fundYearCommittedPence: { before: number; after: number };
    instalments: { instalment: number; beforePence: number; afterPence: number }[];
  };
  assert.deepEqual(after.fundYearCommittedPence, { before: 1000_00, after: 250_00 });
  assert.deepEqual(
    after.instalments.map((i) => [i.instalment, i.beforePence, i.afterPence]),
    [
      [3, 300_00, 0],
      [2, 300_00, 0],
    ],
  );
});

test('LEG-06: an ended grant awaits its evaluation (outstanding for its applicant) until the officer records it; it offers the good-practice library', async () => {
  const { grant } = await awardedGrant({ startsOn: '2025-10-01', endsOn: '2026-09-30' });
  const applicant = {
    applicantKind: grant.applicantKind,
    engagementGroupId: grant.engagementGroupId,
    organisationId: grant.organisationId,
  };
  const outstanding = await evaluationsOutstanding(t.services.db, applicant, '2026-11-23');
  assert.deepEqual(
    outstanding.map((o) => o.id),
    [grant.id],
  );
  // A grant still running is not outstanding.
  assert.deepEqual(await evaluationsOutstanding(t.services.db, applicant, '2026-09-30'), []);

  const href = `/grants/monitoring/${grant.id}`;
  assert.match(
    text((await officer.get(href)).body),
    /its evaluation of effectiveness and value for money is due/,
  );
  const url = `${href}/evaluation`;
  const refused = await officer.post(url, { effectiveness: 'good' });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Select how good value for money the project was/);
  assert.match(text(refused.body), /Enter the findings/);
  const saved = await officer.post(url, {
    effectiveness: 'good',
    valueForMoney: 'excellent',
    findings: 'Attendance doubled over the year.',
    lessons: 'Book venues early.',
  });
  assert.equal(saved.statusCode, 303, text(saved.body));
  const page = await officer.get(url);
  assert.match(text(page.body), /The evaluation has been recorded/);
  const summary = summaryOf(page.body);
  assert.equal(summary.get('Effectiveness'), 'Good');
  assert.equal(summary.get('Value for money'), 'Excellent');
  assert.equal(summary.get('Findings'), 'Attendance doubled over the year.');
  assert.ok(grant.boroughId, 'an engagement group grant is spent in its borough');
  const library = new URLSearchParams({
    sourceKind: 'grant',
    sourceId: grant.id,
    title: grant.projectTitle,
    sourceReference: `G-${grant.reference}`,
    sourceLink: `/grants/monitoring/${grant.id}`,
    boroughId: grant.boroughId,
  });
  const libraryHref = `/good-practice-library/new?${library.toString()}`;
  assert.ok(page.body.includes(`href="${libraryHref.replace(/&/g, '&amp;')}"`));
  assert.match(text(page.body), /Add to the good-practice library/);
  // The link leads to the library's form for a new entry, the grant's title filled in.
  const form = await officer.get(libraryHref);
  assert.equal(form.statusCode, 200);
  assert.match(text(form.body), /Record good practice/);
  assert.ok(form.body.includes(`value="${grant.projectTitle}"`));
  assert.ok(form.body.includes(`value="G-${grant.reference}"`));
  assert.ok(form.body.includes(`value="/grants/monitoring/${grant.id}"`));
  assert.match(form.body, new RegExp(`value="${grant.boroughId}" selected`));
  assert.deepEqual(await evaluationsOutstanding(t.services.db, applicant, '2026-11-23'), []);
  // Once only; said without a link to the form, which the page no longer has.
  const twice = await officer.post(url, {
    effectiveness: 'poor',
    valueForMoney: 'poor',
    findings: 'x',
  });
  assert.equal(twice.statusCode, 409);
  assert.match(text(twice.body), /This grant's evaluation has already been recorded/);
  assert.doesNotMatch(twice.body, /href="#effectiveness"/);
  assert.equal(
    (
      await t.services.db
        .select()
        .from(grantEvaluations)
        .where(eq(grantEvaluations.applicationId, grant.id))
    )[0]!.effectiveness,
    'good',
  );
});

test('LEG-06: a grant still running cannot be evaluated yet', async () => {
  const { grant } = await awardedGrant({ startsOn: '2027-01-01', endsOn: '2027-12-31' });
  const url = `/grants/monitoring/${grant.id}/evaluation`;
  assert.match(
    text((await officer.get(url)).body),
    /recorded once the final return is sent or the grant has ended/,
  );
  const refused = await officer.post(url, {
    effectiveness: 'good',
    valueForMoney: 'good',
    findings: 'x',
  });
  assert.equal(refused.statusCode, 409);
  assert.match(
    text(refused.body),
    /The evaluation can be recorded once the final return is sent or the grant has ended/,
  );
  assert.doesNotMatch(refused.body, /href="#effectiveness"/);
});

test('CON-04, CDRP-12: spending per borough shows awarded, given back, net, spent and the share, with the same lines in the CSV', async () => {
  const fund = await makeFund(t);
  const borough = await makeBorough(t);
  const { grant } = await awardedGrant({
    fundId: fund.id,
    boroughId: borough.id,
    startsOn: '2026-07-01',
    endsOn: '2027-06-30',
    instalments: [{ amountPence: 1000_00 }],
  });
  await awardedGrant({ fundId: fund.id, boroughId: borough.id, lines: [600_00] });
  // Read once before the underspend: the sums kept for the page must not outlive a change.
  const before = await officer.get(`/grants/spending?year=2026&fund=${fund.id}`);
  assert.equal(
    rowOf(tableOf(before.body, /Against an equal share/), borough.name).Net,
    '£1,600.00',
  );
  await officer.post(`/grants/monitoring/${grant.id}/adjustments/new`, {
    kind: 'underspend',
    amount: '100',
    reason: 'Not needed',
    ...dateFields('recordedOn', '2026-11-20'),
  });
  const page = await officer.get(`/grants/spending?year=2026&fund=${fund.id}`);
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Against an equal share/);
  const row = rowOf(table, borough.name);
  assert.equal(row.Grants, '2');
  assert.equal(row.Awarded, '£1,600.00');
  assert.equal(row['Underspend and clawback'], '£100.00');
  assert.equal(row.Net, '£1,500.00');
  assert.equal(row['Spent to date'], '£0.00');
  assert.equal(row['Share of the total (%)'], '100.0%');
  assert.match(text(page.body), /boroughs have been awarded nothing this year/);
  assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
  assert.match(
    page.body,
    /<title id="chart-title">Net grant money per borough in 2026-27<\/title>/,
  );
  const csv = await officer.get(`/grants/spending.csv?year=2026&fund=${fund.id}`);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.trim().split('\n');
  assert.equal(
    lines[0],
    'Reporting year,Borough,Grants,Awarded,Underspend and clawback,Net,Spent to date,Share of the total (%)',
  );
  assert.ok(
    lines.includes(`2026-27,${borough.name},2,1600.00,100.00,1500.00,0.00,100.0`),
    csv.body,
  );
  assert.equal(lines.at(-1), '2026-27,Total,2,1600.00,100.00,1500.00,0.00,100.0');
});

test('LEG-06: another applicant’s officer, an advisor and the public are refused a grant’s pages; an advisor sees no staff reports', async () => {
  const { grant } = await awardedGrant();
  const other = await awardedGrant();
  const href = `/grants/monitoring/${grant.id}`;
  assert.equal((await other.applicant.get(href)).statusCode, 403);
  const advisor = await signInNewAccount(t, 'advisor');
  assert.equal((await advisor.get(href)).statusCode, 403);
  assert.equal((await advisor.get('/grants/late-returns')).statusCode, 403);
  assert.equal((await advisor.get('/grants/spending')).statusCode, 403);
  assert.equal((await advisor.post(`${href}/schedule`, {})).statusCode, 403);
  assert.equal((await returnsOf(grant.id)).length, 0);
  // An authority member (staff) reads the grant but may not act on it; another borough's
  // partnership officer, whose borough competes for the same money, does not read it at all.
  const reader = await signInNewAccount(t, 'authority_member');
  assert.equal((await reader.get(href)).statusCode, 200);
  assert.equal((await reader.post(`${href}/schedule`, {})).statusCode, 403);
  const rival = await signInNewAccount(t, 'partnership_officer');
  assert.equal((await rival.get(href)).statusCode, 403);
});

test('LEG-06, CDRP-12: the demo loader gives an ended grant returns (some sent, one late), an underspend and an evaluation', async () => {
  const { grant, fundId } = await awardedGrant({ startsOn: '2025-10-01', endsOn: '2026-09-30' });
  const result = await t.services.db.transaction((tx) =>
    loadGrantsMonitoringDemo(tx, { applicationId: grant.id, today: '2026-11-23' }),
  );
  assert.deepEqual(result, { returns: 4, sent: 3, late: 1, evaluated: true });
  const page = await officer.get(`/grants/monitoring/${grant.id}`);
  const states = tableOf(page.body, /Period/).rows.map((r) => r[3]);
  assert.deepEqual(states, ['Accepted', 'Sent', 'Sent', 'Late']);
  assert.equal(summaryOf(page.body).get('Underspend and clawback'), '£100.00');
  assert.match(text(page.body), /Young people took part in every event/);
  const [year] = await t.services.db
    .select()
    .from(grantFundYears)
    .where(and(eq(grantFundYears.fundId, fundId), eq(grantFundYears.startYear, 2026)));
  assert.equal(year!.committedPence, 900_00);
});

test('LEG-06: the applicant’s home page offers the return to send, saying it is late; nobody else’s does', async () => {
  const { grant, applicant } = await awardedGrant({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
  await scheduleOn(grant.id, '2025-12-01');
  const home = text((await applicant.get('/')).body);
  assert.match(home, new RegExp(`Send the monitoring return for ${grant.projectTitle}`));
  assert.match(home, /Late: it was due on 28 April 2026/);
  const other = await awardedGrant();
  assert.doesNotMatch(
    text((await other.applicant.get('/')).body),
    new RegExp(`Send the monitoring return for ${grant.projectTitle}`),
  );
});

test('DP-02: monitoring gives the returns a person sent and the adjustments an officer recorded, kept by account', async () => {
  const { grant, applicant, account } = await awardedGrant({
    startsOn: '2026-07-01',
    endsOn: '2027-06-30',
  });
  await t.services.grantsMonitoring.makeSchedule(officerPrincipal, grant.id);
  const [first] = await returnsOf(grant.id);
  const [venue] = grant.budgetLines;
  const [trust, attend] = grant.outcomes;
  await applicant.post(`/grants/monitoring/${grant.id}/returns/${first!.id}`, {
    [`spend-${venue!.id}`]: '10',
    [`status-${trust!.id}`]: 'on_track',
    [`status-${attend!.id}`]: 'on_track',
    progress: 'A first event.',
  });
  const sections = await monitoringPersonData(t.services.t, t.services.db, {
    personId: account.personId,
    userId: account.userId,
  });
  const sent = sections.find((s) => s.title === 'Grant monitoring returns you sent')!;
  assert.deepEqual(
    sent.rows.map((r) => [r.Grant, r.Return, r['What was done']]),
    [[grant.projectTitle, 1, 'A first event.']],
  );
  assert.equal(sections.find((s) => s.title === 'Grant evaluations you recorded')!.rows.length, 0);
  const none = await monitoringPersonData(t.services.t, t.services.db, {
    personId: account.personId,
    userId: null,
  });
  assert.ok(none.every((s) => s.rows.length === 0));
});
