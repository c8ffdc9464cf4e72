/**
 * Issue 27 part 1: each figure Bridge counts for indicators, counted over [from, to) from
 * records the factories make: a record at `from` is in, one at `to` is out (a millisecond before
 * each too, for those kept by the instant; the day before and the last day, for those kept by
 * the day). The period is April 2026 (British Summer Time: London's midnight is 23:00 UTC), far
 * from the records other tests make; each count is read as the change the test's records make.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { deploymentsMade } from '../../src/modules/advice/measures/deployments.js';
import { deployments } from '../../src/modules/advice/schema.js';
import { responsesReceived } from '../../src/modules/consultation/measures/responses.js';
import { responses } from '../../src/modules/consultation/schema.js';
import { custodyIssues } from '../../src/modules/custody-visiting/follow-up/schema.js';
import { issuesRaised, visitsMade } from '../../src/modules/custody-visiting/measures/visits.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import { claimsPaid, paymentTurnaround } from '../../src/modules/expenses/measures/payments.js';
import { expenseClaims } from '../../src/modules/expenses/schema.js';
import { grantsAwarded, returnsReceived } from '../../src/modules/grants/measures/grants.js';
import { grantApplications, grantReturns } from '../../src/modules/grants/schema.js';
import { minutesOnTimeMeasure } from '../../src/modules/meetings/measures/minutes-on-time.js';
import { minutes } from '../../src/modules/meetings/schema.js';
import { recommendationsCompleted } from '../../src/modules/tracker/measures/completed.js';
import { startOfLondonDay } from '../../src/platform/calendar/london-time.js';
import type { Measure } from '../../src/platform/modules.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeAcceptedDeployment } from '../factories/advice.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { makeRotaVisit, makeSentReport, makeVisitingPair } from '../factories/custody-reports.js';
import { referenceOrganisationId } from '../factories/directory.js';
import { makeExpenseClaim } from '../factories/expenses.js';
import { makeAwardedApplication, makeFund, makeRound } from '../factories/grants.js';
import { makeEstablishedGroup, type EstablishedGroup } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';
import { makeTrackerSource } from '../factories/tracker.js';

let t: TestApp;
let group: EstablishedGroup;

before(async () => {
  t = await createTestApp();
  group = await makeEstablishedGroup(t, { name: 'Measures test group' });
});
after(() => t.close());

const FROM = startOfLondonDay('2026-04-01'); // 2026-03-31T23:00:00Z
const TO = startOfLondonDay('2026-05-01');
const ms = (d: Date, n: number) => new Date(d.getTime() + n);
/** By the instant: a millisecond before `from` and `to` (out, in), and `from` and `to` (in, out). */
const EDGE_INSTANTS = [ms(FROM, -1), FROM, ms(TO, -1), TO];
/** By the London day: the day before, the first, the last, the next period's first. */
const EDGE_DAYS = ['2026-03-31', '2026-04-01', '2026-04-30', '2026-05-01'];

const valueOf = (measure: Measure, boroughId?: string) =>
  measure.value(t.services.db, FROM, TO, boroughId);

/** The measure's value after the records are made, less what it was before: two in, two out. */
async function countsTwoOfFour(measure: Measure, make: () => Promise<unknown>) {
  const before = (await valueOf(measure))!;
  await make();
  assert.equal((await valueOf(measure))! - before, 200, `${measure.key}: two in the period`);
}

/** Sets a column of each row (by id) to the edge values, in order. */
async function setEach<T>(
  ids: readonly string[],
  edges: readonly T[],
  set: (id: string, v: T) => Promise<unknown>,
) {
  for (const [i, id] of ids.entries()) await set(id, edges[i]!);
}

test('IAG-10: advisors deployed counts the deployments accepted whose work began in the period', async () => {
  const made: string[] = [];
  for (let i = 0; i < 4; i += 1)
    made.push(
      (
        await makeAcceptedDeployment(
          t,
          { id: group.id, contact: group.deploymentContact },
          group.advisor,
        )
      ).deploymentId,
    );
  await countsTwoOfFour(deploymentsMade, () =>
    setEach(made, EDGE_DAYS, (id, deployedOn) =>
      t.services.db.update(deployments).set({ deployedOn }).where(eq(deployments.id, id)),
    ),
  );
  // A deployment withdrawn is not one made.
  await t.services.db
    .update(deployments)
    .set({ status: 'withdrawn' })
    .where(eq(deployments.id, made[1]!));
  const after = await valueOf(deploymentsMade);
  await t.services.db
    .update(deployments)
    .set({ status: 'accepted' })
    .where(eq(deployments.id, made[1]!));
  assert.equal((await valueOf(deploymentsMade))! - after!, 100);
});

test('IAG-11: expense claims paid, and the average days from reaching the unit to payment', async () => {
  const meeting = await makeMeeting(t, group.id, { title: 'Claimed for', date: '2026-11-09' });
  const claims: string[] = [];
  for (let i = 0; i < 4; i += 1)
    claims.push(
      (
        await makeExpenseClaim(t, group.advisor, {
          occasion: `meeting:${meeting.id}`,
          costs: [{ incurredOn: '2026-11-09', amount: '12.40' }],
          submit: true,
        })
      ).id,
    );
  const before = await valueOf(paymentTurnaround);
  assert.equal(before, null, 'none paid in the period: nothing to measure');
  await countsTwoOfFour(claimsPaid, () =>
    setEach(claims, EDGE_INSTANTS, (id, paidAt) =>
      t.services.db
        .update(expenseClaims)
        // Paid on 1 April (London) after 3 days, and on 30 April after 6.
        .set({
          status: 'paid',
          paidAt,
          submittedOn: paidAt === FROM ? '2026-03-29' : '2026-04-24',
        })
        .where(eq(expenseClaims.id, id)),
    ),
  );
  assert.equal(await valueOf(paymentTurnaround), 450, '(3 + 6) / 2 days');
});

test('TRK-01: recommendations completed counts those whose last action was completed in the period', async () => {
  const row = (recommendation: string, result: string, completed_on = '') => ({
    recommendation,
    recommendation_text: `Recommendation ${recommendation}`,
    action: `Action of ${recommendation}`,
    action_owner: 'E09000007',
    result,
    completed_on,
  });
  const before = (await valueOf(recommendationsCompleted))!;
  await makeTrackerSource(t, [
    {
      source_title: 'Measures test review',
      source_kind: 'review',
      ...row('1', 'completed', EDGE_DAYS[1]),
    },
    row('2', 'completed', '2026-03-15'),
    { ...row('2', 'completed', EDGE_DAYS[2]), action: 'Second action of 2' },
    row('3', 'completed', EDGE_DAYS[3]),
    row('4', 'completed', EDGE_DAYS[0]),
    row('5', 'completed', '2026-04-10'),
    { ...row('5', 'ongoing'), action: 'Second action of 5' },
  ]);
  assert.equal((await valueOf(recommendationsCompleted))! - before, 200, '1 and 2 only');
});

test('ICV-10: custody visits made on a day in the period, and issues raised in it', async () => {
  const pair = await makeVisitingPair(t);
  const visits: string[] = [];
  for (const day of EDGE_DAYS) visits.push((await makeRotaVisit(t, pair, day)).id);
  // A visit still planned on the first day is not one made.
  await makeRotaVisit(t, pair, EDGE_DAYS[1]!);
  await countsTwoOfFour(visitsMade, () =>
    setEach(visits, EDGE_DAYS, (id) =>
      t.services.db.update(custodyVisits).set({ status: 'made' }).where(eq(custodyVisits.id, id)),
    ),
  );
  const report = await makeSentReport(t, pair, { submittedAt: '2026-04-01T10:00:00Z' });
  await countsTwoOfFour(issuesRaised, () =>
    t.services.db.insert(custodyIssues).values(
      EDGE_INSTANTS.map((raisedAt) => ({
        reportId: report.id,
        suiteId: pair.suite.id,
        summary: 'Cell call bells not working',
        significant: false,
        raisedAt,
        raisedOn: raisedAt.toISOString().slice(0, 10),
        raisedBy: pair.first.account.userId,
      })),
    ),
  );
});

test('CON-01: consultation responses received in the period, not set aside; by borough', async () => {
  const camden = await referenceOrganisationId(t, 'E09000007');
  const consultation = await makeConsultation(t, { opensOn: '2026-03-01', closesOn: '2026-06-30' });
  const beforeCamden = (await valueOf(responsesReceived, camden))!;
  await countsTwoOfFour(responsesReceived, async () => {
    for (const submittedAt of EDGE_INSTANTS)
      await makeResponse(t, consultation, {}, { submittedAt, boroughId: camden });
    // Set aside: kept, not counted.
    const aside = await makeResponse(t, consultation, {}, { submittedAt: FROM });
    await t.services.db
      .update(responses)
      .set({ setAsideAt: FROM, setAsideReason: 'A burst from one address' })
      .where(eq(responses.id, aside.id));
  });
  assert.equal((await valueOf(responsesReceived, camden))! - beforeCamden, 200);
});

test('Issue 27: grants awarded in the period and monitoring returns received; by borough', async () => {
  const camden = await referenceOrganisationId(t, 'E09000007');
  const fund = await makeFund(t, { budgetPence: 1_000_000_00 });
  const round = await makeRound(t, fund.id);
  const awarded: string[] = [];
  for (let i = 0; i < 4; i += 1)
    awarded.push((await makeAwardedApplication(t, round.id, { boroughId: camden })).id);
  const beforeCamden = (await valueOf(grantsAwarded, camden))!;
  await countsTwoOfFour(grantsAwarded, () =>
    setEach(awarded, EDGE_INSTANTS, (id, decidedAt) =>
      t.services.db
        .update(grantApplications)
        .set({ decidedAt })
        .where(eq(grantApplications.id, id)),
    ),
  );
  assert.equal((await valueOf(grantsAwarded, camden))! - beforeCamden, 200);
  const returnsBefore = (await valueOf(returnsReceived, camden))!;
  await countsTwoOfFour(returnsReceived, () =>
    t.services.db.insert(grantReturns).values(
      EDGE_INSTANTS.map((submittedAt, i) => ({
        applicationId: awarded[0]!,
        period: i + 1,
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-30',
        submittedAt,
      })),
    ),
  );
  assert.equal((await valueOf(returnsReceived, camden))! - returnsBefore, 200);
});

test('Issue 27: minutes on time, the share of those due in the period drafted by their last day', async () => {
  // Held on Monday 20 October 2025: due Monday 3 November. Held Monday 17 November: due
  // Monday 1 December. The period runs from 3 November (its first due day, in) to 1 December
  // (out); outside every other test's meetings.
  const from = startOfLondonDay('2025-11-03');
  const to = startOfLondonDay('2025-12-01');
  const measure = (a: Date, b: Date) => minutesOnTimeMeasure.value(t.services.db, a, b);
  const held = async (date: string, draftedAt: Date | null) => {
    const meeting = await makeMeeting(t, group.id, { title: `Minutes due ${date}`, date });
    if (draftedAt)
      await t.services.db
        .insert(minutes)
        .values({ meetingId: meeting.id, createdAt: draftedAt, updatedAt: draftedAt });
  };
  assert.equal(await measure(from, to), null, 'none due: nothing to measure');
  await held('2025-10-20', new Date('2025-11-03T23:59:00Z')); // the last day (GMT): on time
  await held('2025-10-20', new Date('2025-11-04T00:00:00Z')); // a day late
  await held('2025-10-20', null); // none: late
  await held('2025-11-17', new Date('2025-11-18T10:00:00Z')); // due on `to`: not this period's
  assert.equal(await measure(from, to), 3333, 'one of three, 33.33%');
  assert.equal(await measure(ms(from, 1), to), null, 'from a moment after: 3 November is out');
  assert.equal(await measure(from, ms(to, 1)), 5000, 'to a moment after: 1 December is in');
});
