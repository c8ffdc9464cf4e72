/**
 * Issue 26 part 3 (CON-04, CON-05, LEG-06, CDRP-12): assessors asked, scoring saved part-way and
 * sent, a conflict of interest removing the assessor; the panel's decision with its reason; the
 * award held within the fund's year (also when two panels decide at once, on PostgreSQL) and
 * refused while an ended grant waits for its evaluation; the award letter; instalments paid in a
 * batch exported for finance. Each test makes its own fund, round and applications. The clock is
 * 23 November 2026 (the reporting year 2026-27).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  grantApplications,
  grantAssessments,
  grantEvaluations,
  grantFundYears,
  grantPayments,
  grantReturns,
} from '../../src/modules/grants/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { ValidationError } from '../../src/platform/errors.js';
import { createTestApp, dateFields, principalFor, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import {
  makeApplication,
  makeAwardedApplication,
  makeFund,
  makeRound,
} from '../factories/grants.js';
import { mainOf, rowRecords, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let assessorAccount: FactoryAccount;
let assessor: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
  assessorAccount = await makeAccount(t, {
    role: 'authority_member',
    name: `Asha Assessor ${Date.now()}`,
  });
  assessor = await signInAccount(t, assessorAccount);
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const ref = (reference: number) => `G-${reference}`;

/** A submitted application to a new fund's round, with `assessorAccount` asked and sent scores. */
async function assessedApplication(
  options: { budgetPence?: number; lines?: number[]; scores?: [string, string] } = {},
) {
  const fund = await makeFund(t, { budgetPence: options.budgetPence ?? 100_000_00 });
  const round = await makeRound(t, fund.id);
  const application = await makeApplication(t, round.id, {
    lines: options.lines ?? [600_00, 400_00],
  });
  const asked = await officer.post(`/grants/applications/${application.id}/assessors`, {
    assessorId: assessorAccount.userId,
  });
  assert.equal(asked.statusCode, 303);
  const [a, b] = application.criteria;
  const sent = await assessor.post(`/grants/applications/${application.id}/assess`, {
    [`score-${a!.id}`]: options.scores?.[0] ?? '4',
    [`score-${b!.id}`]: options.scores?.[1] ?? '3',
    send: 'yes',
  });
  assert.equal(sent.statusCode, 303);
  return { fund, round, application };
}

const award = (amount: string, extra: Record<string, string> = {}) => ({
  outcome: 'awarded',
  panel: 'Cllr A Smith (chair), J Patel',
  reason: 'Reaches young people the police seldom hear',
  amount,
  conditions: 'Quarterly returns; an evaluation at the end.',
  instalments: '2',
  ...dateFields('firstDueOn', '2026-11-20'),
  ...extra,
});

test('CON-04: an officer asks an assessor, who saves part-way, then sends weighted scores', async () => {
  const fund = await makeFund(t);
  const round = await makeRound(t, fund.id);
  const application = await makeApplication(t, round.id);
  const assessors = `/grants/applications/${application.id}/assessors`;
  const before = text((await officer.get(assessors)).body);
  assert.match(before, /No one has been asked to assess this application yet/);
  assert.match(before, new RegExp(`${assessorAccount.name} \\(`));

  const refused = await officer.post(assessors, { assessorId: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Choose a person who may assess from the list/);

  const asked = await officer.get(
    (await officer.post(assessors, { assessorId: assessorAccount.userId })).headers
      .location as string,
  );
  assert.match(
    text(asked.body),
    new RegExp(`${assessorAccount.name} has been asked to assess the application`),
  );
  assert.match(text(asked.body), /Asked, not started/);

  assert.match(text((await assessor.get('/')).body), /Score grant applications \(\d+\)/);
  const mine = text((await assessor.get('/grants/assessments')).body);
  assert.match(mine, new RegExp(`${ref(application.reference)}: ${application.projectTitle}`));
  assert.match(mine, /To score/);

  const [reach, value] = application.criteria;
  const form = `/grants/applications/${application.id}/assess`;
  const page = text((await assessor.get(form)).body);
  assert.match(page, /Reaches communities that are seldom heard \(weight 3\)/);
  assert.match(page, /Budget line 1 £600\.00/);
  assert.match(page, /Young people trust the police more Survey before and after/);

  // Saved part-way: one score, kept; sending with one missing names the criterion.
  const saved = await assessor.post(form, { [`score-${reach!.id}`]: '5', send: 'no' });
  assert.equal(saved.statusCode, 303);
  const again = await assessor.get(form);
  assert.match(text(again.body), /Your scores for G-\d+ are saved/);
  assert.match(again.body, new RegExp(`name="score-${reach!.id}" type="radio" value="5" checked`));
  const incomplete = await assessor.post(form, { [`score-${reach!.id}`]: '5', send: 'yes' });
  assert.equal(incomplete.statusCode, 400);
  assert.match(text(incomplete.body), /Select a score for “Value for money”/);

  await assessor.post(form, {
    [`score-${reach!.id}`]: '5',
    [`score-${value!.id}`]: '2',
    send: 'yes',
  });
  const result = text((await officer.get(assessors)).body);
  assert.match(result, /Scores sent on 23 November 2026/);
  // (3 × 5 + 2 × 2) / (5 × 5) = 76%.
  assert.match(result, /Weighted score: 76%, from 1 assessment\(s\) counted/);
  const means = rowRecords(
    tableOf(mainOf((await officer.get(assessors)).body), /Assessors' scores/),
  );
  assert.deepEqual(
    means.map((r) => [r.Criterion, r.Weight, r['Mean score (0 to 5)']]),
    [
      ['Reaches communities that are seldom heard', '3', '5'],
      ['Value for money', '2', '2'],
    ],
  );
});

test('CON-04: an assessor who declares a conflict of interest is removed and not counted', async () => {
  const { application } = await assessedApplication({ scores: ['5', '5'] });
  const other = await makeAccount(t, { role: 'coordination_unit' });
  await officer.post(`/grants/applications/${application.id}/assessors`, {
    assessorId: other.userId,
  });
  const conflicted = await signInAccount(t, other);
  // They had scored it 0 and 0 and sent it before seeing the conflict.
  const [a, b] = (
    await t.services.grantAssessment.scoring(await principalFor(t, other.email), application.id)
  ).criteria;
  const scored = await conflicted.post(`/grants/applications/${application.id}/assess`, {
    [`score-${a!.id}`]: '0',
    [`score-${b!.id}`]: '0',
    send: 'yes',
  });
  assert.equal(scored.statusCode, 303);
  assert.match(
    text((await officer.get(`/grants/applications/${application.id}/assessors`)).body),
    /Weighted score: 50%, from 2 assessment\(s\) counted/,
  );
  const url = `/grants/applications/${application.id}/conflict`;
  const empty = await conflicted.post(url, { note: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Enter what the conflict of interest is/);
  const declared = await conflicted.post(url, { note: 'I am a member of the applicant group' });
  assert.equal(declared.statusCode, 303);
  // Scoring is now refused, and nothing they send is kept.
  const late = await conflicted.post(`/grants/applications/${application.id}/assess`, {
    send: 'no',
  });
  assert.equal(late.statusCode, 409);
  const page = text((await officer.get(`/grants/applications/${application.id}/assessors`)).body);
  assert.match(
    page,
    /Conflict of interest declared: I am a member of the applicant group\. Not counted\./,
  );
  assert.match(page, /Weighted score: 100%, from 1 assessment\(s\) counted/);
  // A declared conflict stays on the record: it cannot be taken off.
  const [declaredRow] = await t.services.db
    .select()
    .from(grantAssessments)
    .where(eq(grantAssessments.assessorId, other.userId));
  const remove = await officer.post(
    `/grants/applications/${application.id}/assessors/${declaredRow!.id}/remove`,
    {},
  );
  assert.equal(remove.statusCode, 409);
  assert.ok(
    (
      await t.services.db
        .select()
        .from(grantAssessments)
        .where(eq(grantAssessments.id, declaredRow!.id))
    ).length,
  );
});

test("CON-04: nobody assesses what they act for; scores are the officers' until the panel decides", async () => {
  const fund = await makeFund(t);
  const round = await makeRound(t, fund.id);
  const application = await makeApplication(t, round.id, { applicantKind: 'partnership' });
  // A borough's partnership officer may assess, but not their own borough's application.
  const own = await makeAccount(t, {
    role: 'partnership_officer',
    scope: { type: 'borough', id: application.organisationId! },
  });
  const refused = await officer.post(`/grants/applications/${application.id}/assessors`, {
    assessorId: own.userId,
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /That person acts for the applicant, so cannot assess its application/,
  );
  // An authority member reads grants, but not the scores of an application still undecided.
  assert.equal(
    (await assessor.get(`/grants/applications/${application.id}/assessors`)).statusCode,
    403,
  );
  assert.equal(
    (await assessor.get(`/grants/applications/${application.id}/decision`)).statusCode,
    403,
  );
  // A draft is the applicant's own.
  const draft = await makeApplication(t, round.id, { status: 'draft' });
  assert.equal((await officer.get(`/grants/applications/${draft.id}/assessors`)).statusCode, 404);
});

test('CON-04: scores once sent stay whole: saving one blank is refused', async () => {
  const { application } = await assessedApplication();
  const [a] = application.criteria;
  const resaved = await assessor.post(`/grants/applications/${application.id}/assess`, {
    [`score-${a!.id}`]: '2',
    send: 'no',
  });
  assert.equal(resaved.statusCode, 400);
  assert.match(text(resaved.body), /Select a score for “Value for money”/);
});

test('CON-04: someone not asked cannot see or score an application; only officers ask assessors', async () => {
  const { application } = await assessedApplication();
  const stranger = await signInAccount(t, await makeAccount(t, { role: 'director' }));
  assert.equal(
    (await stranger.get(`/grants/applications/${application.id}/assess`)).statusCode,
    404,
  );
  const before = await t.services.db
    .select()
    .from(grantAssessments)
    .where(eq(grantAssessments.applicationId, application.id));
  const refused = await stranger.post(`/grants/applications/${application.id}/assessors`, {
    assessorId: assessorAccount.userId,
  });
  assert.equal(refused.statusCode, 403);
  const advisor = await signInAccount(t, await makeAccount(t, { role: 'advisor' }));
  assert.equal(
    (await advisor.get(`/grants/applications/${application.id}/decision`)).statusCode,
    403,
  );
  const after = await t.services.db
    .select()
    .from(grantAssessments)
    .where(eq(grantAssessments.applicationId, application.id));
  assert.deepEqual(after, before);
});

test('CON-04: the panel cannot decide before anyone has assessed; a declined decision records its reason', async () => {
  const fund = await makeFund(t);
  const round = await makeRound(t, fund.id);
  const application = await makeApplication(t, round.id);
  const url = `/grants/applications/${application.id}/decision`;
  const page = text((await officer.get(url)).body);
  assert.match(page, /At least one assessor must send their scores before the panel decides/);
  const refused = await officer.post(url, { outcome: 'declined', panel: 'Panel', reason: 'No' });
  assert.equal(refused.statusCode, 400);

  const { application: assessed } = await assessedApplication();
  const decisionUrl = `/grants/applications/${assessed.id}/decision`;
  const empty = await officer.post(decisionUrl, {});
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Select whether the application is awarded or declined/);
  assert.match(text(empty.body), /Enter who sat on the panel/);
  assert.match(text(empty.body), /Enter the panel's reason/);
  const declined = await officer.post(decisionUrl, {
    outcome: 'declined',
    panel: 'Grants panel',
    reason: 'Outside the fund',
  });
  assert.equal(declined.statusCode, 303);
  const shown = text((await officer.get(decisionUrl)).body);
  assert.match(shown, /is declined/);
  assert.match(shown, /Decision Declined/);
  assert.match(shown, /The panel's reason Outside the fund/);
  // Decided once: a second decision is refused and changes nothing.
  const twice = await officer.post(decisionUrl, award('100'));
  assert.equal(twice.statusCode, 400);
  assert.match(text(twice.body), /The panel has already decided this application/);
  const [row] = await t.services.db
    .select()
    .from(grantApplications)
    .where(eq(grantApplications.id, assessed.id));
  assert.equal(row!.status, 'declined');
});

test('CON-05: an award is no more than was asked, states its conditions and sets out its instalments', async () => {
  const { fund, application } = await assessedApplication();
  const url = `/grants/applications/${application.id}/decision`;
  const form = await officer.get(url);
  assert.match(form.body, /value="1000\.00"/);
  assert.match(
    text(form.body),
    /Budget £100,000\.00 Already awarded £0\.00 Left to award £100,000\.00/,
  );
  const over = await officer.post(url, award('1000.01'));
  assert.equal(over.statusCode, 400);
  assert.match(
    text(over.body),
    /The amount awarded must be no more than was asked for: £1,000\.00/,
  );

  const tiny = await officer.post(url, award('0.03', { instalments: '4' }));
  assert.equal(tiny.statusCode, 400);
  assert.match(text(tiny.body), /Each instalment must be at least 1p: choose fewer instalments/);
  const done = await officer.post(url, award('900.01'));
  assert.equal(done.statusCode, 303);
  const page = text((await officer.get(url)).body);
  assert.match(page, /is awarded/);
  assert.match(page, /Amount awarded £900\.01/);
  const [year] = await t.services.db
    .select()
    .from(grantFundYears)
    .where(eq(grantFundYears.fundId, fund.id));
  assert.equal(year!.committedPence, 900_01);

  const letter = text((await officer.get(`/grants/applications/${application.id}/letter`)).body);
  assert.match(letter, new RegExp(`Award letter for ${ref(application.reference)}`));
  assert.match(letter, /has awarded £900\.01/);
  assert.match(letter, /Quarterly returns; an evaluation at the end\./);
  const instalments = rowRecords(
    tableOf(mainOf((await officer.get(`/grants/applications/${application.id}/letter`)).body)),
  );
  assert.deepEqual(
    instalments.map((r) => [r.Instalment, r['Due on'], r['Amount awarded']]),
    [
      ['1', '20 November 2026', '£450.01'],
      ['2', '20 February 2027', '£450.00'],
    ],
  );
  // The group's own officer reads the letter and sees the decision on their application's page;
  // someone who does not act for the group is refused.
  const groupOfficer = await signInAccount(
    t,
    await makeAccount(t, {
      role: 'engagement_officer',
      scope: { type: 'engagement_group', id: application.engagementGroupId! },
    }),
  );
  const ownLetter = await groupOfficer.get(`/grants/applications/${application.id}/letter`);
  assert.equal(ownLetter.statusCode, 200);
  assert.match(text(ownLetter.body), /has awarded £900\.01/);
  const own = text((await groupOfficer.get(`/funding/applications/${application.id}`)).body);
  assert.match(own, /The panel's reason Reaches young people the police seldom hear/);
  assert.match(own, /Amount awarded £900\.01/);
  assert.match(own, /The award letter and its conditions/);
  const other = await signInAccount(t, await makeAccount(t, { role: 'lay_visitor' }));
  assert.equal((await other.get(`/grants/applications/${application.id}/letter`)).statusCode, 403);
  const staffPage = text((await officer.get(`/grants/applications/${application.id}`)).body);
  assert.match(
    staffPage,
    /The panel's decision The award letter and its conditions Monitoring returns and evaluation/,
  );

  // LEG-06: the award scheduled its quarterly monitoring returns for 2027.
  const returns = await t.services.db
    .select()
    .from(grantReturns)
    .where(eq(grantReturns.applicationId, application.id));
  assert.deepEqual(returns.map((r) => [r.period, r.periodEnd, r.final]).sort(), [
    [1, '2027-03-31', false],
    [2, '2027-06-30', false],
    [3, '2027-09-30', false],
    [4, '2027-12-31', true],
  ]);
  const audit = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.recordId, application.id));
  assert.ok(audit.some((e) => e.action === 'grant-application.awarded'));
});

test('CDRP-12: an award more than the fund year has left is refused, and nothing is written', async () => {
  const { fund, application } = await assessedApplication({ budgetPence: 999_99 });
  const url = `/grants/applications/${application.id}/decision`;
  const refused = await officer.post(url, award('1000'));
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /The fund has only £999\.99 left to award this year/);
  const [row] = await t.services.db
    .select()
    .from(grantApplications)
    .where(eq(grantApplications.id, application.id));
  assert.equal(row!.status, 'submitted');
  const [year] = await t.services.db
    .select()
    .from(grantFundYears)
    .where(eq(grantFundYears.fundId, fund.id));
  assert.equal(year!.committedPence, 0);
  assert.deepEqual(
    await t.services.db
      .select()
      .from(grantPayments)
      .where(eq(grantPayments.applicationId, application.id)),
    [],
  );
});

test(
  'CDRP-12: two panels awarding the last of a fund at once never over-commit it',
  {
    skip:
      process.env.BRIDGE_TEST_DB !== 'postgres' &&
      'PGlite has one connection: nothing runs at once',
  },
  async () => {
    // £1,500 left; two awards of £1,000 each decided at the same moment: one is refused.
    const fund = await makeFund(t, { budgetPence: 1_500_00 });
    const round = await makeRound(t, fund.id);
    const principal = await principalFor(
      t,
      (await makeAccount(t, { role: 'authority_officer' })).email,
    );
    const applications = [];
    for (let i = 0; i < 2; i++) {
      const application = await makeApplication(t, round.id, { lines: [1_000_00] });
      await t.services.db.insert(grantAssessments).values({
        applicationId: application.id,
        assessorId: assessorAccount.userId,
        submittedAt: t.clock.now(),
      });
      applications.push(application);
    }
    const results = await Promise.allSettled(
      applications.map((a) => t.services.grantAward.decide(principal, a.id, award('1000'))),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    // The one refused is told what is left, as a person would be: not a database error.
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(refused.reason instanceof ValidationError, String(refused.reason));
    assert.match(
      refused.reason.fieldErrors.map((e) => e.message).join(' '),
      /The fund has only £500\.00 left to award this year/,
    );
    const [year] = await t.services.db
      .select()
      .from(grantFundYears)
      .where(eq(grantFundYears.fundId, fund.id));
    assert.equal(year!.committedPence, 1_000_00);
    const statuses = await Promise.all(
      applications.map(
        async (a) =>
          (
            await t.services.db
              .select()
              .from(grantApplications)
              .where(eq(grantApplications.id, a.id))
          )[0]!.status,
      ),
    );
    assert.deepEqual(statuses.sort(), ['awarded', 'submitted']);
  },
);

test('LEG-06: no new award while the applicant has an ended grant without its evaluation', async () => {
  const fund = await makeFund(t);
  const round = await makeRound(t, fund.id);
  const earlier = await makeAwardedApplication(t, round.id, { endsOn: '2026-10-31' });
  const { application } = await assessedApplication();
  // The same engagement group applies again.
  await t.services.db
    .update(grantApplications)
    .set({ engagementGroupId: earlier.engagementGroupId, applicantName: earlier.applicantName })
    .where(eq(grantApplications.id, application.id));
  const url = `/grants/applications/${application.id}/decision`;
  const page = text((await officer.get(url)).body);
  assert.match(
    page,
    new RegExp(`earlier grant\\(s\\) ${ref(earlier.reference)} have ended without an evaluation`),
  );
  const refused = await officer.post(url, award('500'));
  assert.equal(refused.statusCode, 400);
  // LEG-06 holds back an award, not a decision: the panel may still decline (another application).
  const { application: other } = await assessedApplication();
  await t.services.db
    .update(grantApplications)
    .set({ engagementGroupId: earlier.engagementGroupId })
    .where(eq(grantApplications.id, other.id));
  const declined = await officer.post(`/grants/applications/${other.id}/decision`, {
    outcome: 'declined',
    panel: 'Grants panel',
    reason: 'Evaluate the last grant first',
  });
  assert.equal(declined.statusCode, 303);

  await t.services.db.insert(grantEvaluations).values({
    applicationId: earlier.id,
    effectiveness: 'good',
    valueForMoney: 'good',
    findings: 'Met its outcomes',
    evaluatedOn: '2026-11-10',
  });
  assert.equal((await officer.post(url, award('500'))).statusCode, 303);
});

test('CDRP-12: instalments due are paid in a batch exported as CSV for finance, then marked paid', async () => {
  const { application } = await assessedApplication();
  await officer.post(
    `/grants/applications/${application.id}/decision`,
    award('1000', { instalments: '2' }),
  );
  const overview = text((await officer.get('/grants/payments')).body);
  // Only the first instalment (20 November) is due by 23 November.
  assert.match(overview, /instalment\(s\) due/);
  assert.match(text((await officer.get('/')).body), /Pay grant instalments \(\d+ due\)/);
  const made = await officer.post('/grants/payments', {});
  assert.equal(made.statusCode, 303);
  const batchUrl = made.headers.location as string;
  const batch = await officer.get(batchUrl);
  assert.match(
    text(batch.body),
    new RegExp(`${ref(application.reference)} ${application.applicantName}`),
  );
  assert.match(text(batch.body), /1, due 20 November 2026 £500\.00/);
  assert.doesNotMatch(text(batch.body), /2, due 20 February 2027/);
  // Marking paid waits for the export.
  assert.equal((await officer.post(`${batchUrl}/paid`, {})).statusCode, 409);
  assert.equal((await officer.get(`${batchUrl}/csv`)).statusCode, 409);
  const csv = await officer.post(`${batchUrl}/csv`, {});
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.trim().split(/\r?\n/);
  assert.equal(lines[0], 'batch,grant,payee,borough,fund,instalment,due_on,amount,amount_pence');
  assert.ok(
    lines.some(
      (l) =>
        l.includes(`${ref(application.reference)},`) && l.endsWith(',1,2026-11-20,500.00,50000'),
    ),
  );
  assert.equal((await officer.post(`${batchUrl}/paid`, {})).statusCode, 303);
  assert.match(text((await officer.get(batchUrl)).body), /Batch \d+ is marked paid/);
  assert.equal((await officer.post(`${batchUrl}/paid`, {})).statusCode, 409);
  // An authority member reads grants but does not pay them.
  assert.equal((await assessor.get('/grants/payments')).statusCode, 403);
});
