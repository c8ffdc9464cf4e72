import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserPrincipal } from '../../../platform/auth/principal.js';
import {
  boroughShares,
  chaseDue,
  daysLate,
  evaluationDue,
  isLate,
  mayActForApplicant,
  nextSendable,
  returnSchedule,
  returnState,
  cutInstalments,
  validateAdjustment,
  validateEvaluation,
  validateReturn,
} from './rules.js';

test('LEG-06: a 12-month grant reporting quarterly owes 4 returns, each due 28 days after its period, the last final', () => {
  const periods = returnSchedule(
    {
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      intervalMonths: 3,
    },
    '2026-11-23',
  );
  assert.deepEqual(
    periods.map((p) => [p.period, p.periodStart, p.periodEnd, p.dueOn, p.final]),
    [
      [1, '2027-01-01', '2027-03-31', '2027-04-28', false],
      [2, '2027-04-01', '2027-06-30', '2027-07-28', false],
      [3, '2027-07-01', '2027-09-30', '2027-10-28', false],
      [4, '2027-10-01', '2027-12-31', '2028-01-28', true],
    ],
  );
});

test('LEG-06: a grant ending part-way through an interval has a shorter final period; months do not drift from 31 January', () => {
  const periods = returnSchedule(
    {
      startsOn: '2027-01-31',
      endsOn: '2027-05-15',
      intervalMonths: 1,
    },
    '2026-11-23',
  );
  assert.deepEqual(
    periods.map((p) => [p.periodStart, p.periodEnd]),
    [
      ['2027-01-31', '2027-02-27'],
      ['2027-02-28', '2027-03-30'],
      ['2027-03-31', '2027-04-29'],
      ['2027-04-30', '2027-05-15'],
    ],
  );
  assert.equal(periods.at(-1)!.final, true);
  assert.equal(
    returnSchedule(
      { startsOn: '2027-06-01', endsOn: '2027-06-01', intervalMonths: 6 },
      '2026-11-23',
    ).length,
    1,
  );
  assert.deepEqual(
    returnSchedule(
      { startsOn: '2027-06-02', endsOn: '2027-06-01', intervalMonths: 6 },
      '2026-11-23',
    ),
    [],
  );
  assert.throws(() =>
    returnSchedule(
      { startsOn: '2027-01-01', endsOn: '2027-12-31', intervalMonths: 0 },
      '2026-11-23',
    ),
  );
});

test('LEG-06: a grant scheduled after it started has its past returns due 28 days from the day the schedule is made, later ones as calculated', () => {
  const periods = returnSchedule(
    { startsOn: '2026-01-01', endsOn: '2026-12-31', intervalMonths: 3 },
    '2026-11-23',
  );
  assert.deepEqual(
    periods.map((p) => p.dueOn),
    ['2026-12-21', '2026-12-21', '2026-12-21', '2027-01-28'],
  );
});

test('LEG-06: a return not sent by its due date is late, by the days since; a sent one never is', () => {
  const due = { submittedAt: null, dueOn: '2027-04-28' };
  assert.equal(isLate(due, '2027-04-28'), false);
  assert.equal(isLate(due, '2027-04-29'), true);
  assert.equal(daysLate(due, '2027-05-12'), 14);
  assert.equal(isLate({ submittedAt: new Date(), dueOn: '2027-04-28' }, '2027-06-01'), false);
  assert.equal(daysLate({ submittedAt: new Date(), dueOn: '2027-04-28' }, '2027-06-01'), 0);
});

test('LEG-06: a late return is chased once, then again every 14 days', () => {
  const at = new Date('2027-05-01T09:00:00Z');
  assert.equal(chaseDue(null, at), true);
  assert.equal(chaseDue(at, new Date('2027-05-01T17:00:00Z')), false);
  assert.equal(chaseDue(at, new Date('2027-05-14T09:00:00Z')), false);
  assert.equal(chaseDue(at, new Date('2027-05-15T09:00:00Z')), true);
});

test('LEG-06: the return sendable is the earliest unsent once its period has started; states read as the page says', () => {
  const returns = [
    {
      id: 'a',
      period: 1,
      submittedAt: new Date(),
      acceptedAt: null,
      periodStart: '2027-01-01',
      dueOn: '2027-04-28',
    },
    {
      id: 'b',
      period: 2,
      submittedAt: null,
      acceptedAt: null,
      periodStart: '2027-04-01',
      dueOn: '2027-07-28',
    },
    {
      id: 'c',
      period: 3,
      submittedAt: null,
      acceptedAt: null,
      periodStart: '2027-07-01',
      dueOn: '2027-10-28',
    },
  ];
  assert.equal(nextSendable(returns, '2027-03-31'), null);
  assert.equal(nextSendable(returns, '2027-04-01')?.id, 'b');
  assert.equal(nextSendable(returns, '2027-09-01')?.id, 'b');
  assert.equal(returnState(returns[0]!, '2027-05-01'), 'sent');
  assert.equal(returnState({ ...returns[0]!, acceptedAt: new Date() }, '2027-05-01'), 'accepted');
  assert.equal(returnState(returns[1]!, '2027-05-01'), 'open');
  assert.equal(returnState(returns[1]!, '2027-07-29'), 'late');
  assert.equal(returnState(returns[2]!, '2027-05-01'), 'upcoming');
});

const user = (roles: UserPrincipal['roles']): UserPrincipal => ({
  kind: 'user',
  userId: 'u',
  displayName: 'U',
  email: 'u@example.org',
  roles,
});

test('LEG-06: those who act for an applicant: its engagement officer, its borough’s partnership officer, a person of the organisation', () => {
  const group = {
    applicantKind: 'engagement_group',
    engagementGroupId: 'g1',
    organisationId: null,
  };
  const officer = user([
    { role: 'engagement_officer', scopeType: 'engagement_group', scopeId: 'g1' },
  ]);
  const otherOfficer = user([
    { role: 'engagement_officer', scopeType: 'engagement_group', scopeId: 'g2' },
  ]);
  assert.equal(mayActForApplicant(officer, group, null), true);
  assert.equal(mayActForApplicant(otherOfficer, group, null), false);
  const borough = { applicantKind: 'partnership', engagementGroupId: null, organisationId: 'b1' };
  const po = user([{ role: 'partnership_officer', scopeType: 'borough', scopeId: 'b1' }]);
  assert.equal(mayActForApplicant(po, borough, null), true);
  assert.equal(mayActForApplicant(po, { ...borough, organisationId: 'b2' }, null), false);
  const organisation = {
    applicantKind: 'organisation',
    engagementGroupId: null,
    organisationId: 'o1',
  };
  assert.equal(mayActForApplicant(user([]), organisation, 'o1'), true);
  assert.equal(mayActForApplicant(user([]), organisation, 'o2'), false);
  assert.equal(mayActForApplicant(user([]), organisation, null), false);
  assert.equal(mayActForApplicant(null, organisation, 'o1'), false);
});

const lines = [
  { id: 'l1', description: 'Venue hire', amountPence: 600_00, spentPence: 500_00 },
  { id: 'l2', description: 'Refreshments', amountPence: 400_00, spentPence: 0 },
];
const outcomes = [{ id: 'o1', outcome: 'Young people trust the police more' }];

test('CDRP-12: a return reads spend per line in pounds as pence; blank is nothing; over budget is warned of, not refused', () => {
  const { refusals, value, overBudget } = validateReturn(
    {
      'spend-l1': '£150.50',
      'spend-l2': '',
      'status-o1': 'on_track',
      'note-o1': ' Two events ',
      progress: 'Held two events.',
    },
    lines,
    outcomes,
  );
  assert.deepEqual(refusals, []);
  assert.deepEqual(value.spend, [
    { budgetLineId: 'l1', spentPence: 150_50 },
    { budgetLineId: 'l2', spentPence: 0 },
  ]);
  assert.deepEqual(value.outcomes, [{ outcomeId: 'o1', status: 'on_track', note: 'Two events' }]);
  assert.deepEqual(overBudget, ['Venue hire']);
});

test('CDRP-12: a negative or unreadable spend, an outcome with no status and no narrative are each refused by field', () => {
  const { refusals } = validateReturn({ 'spend-l1': '-5', 'spend-l2': 'lots' }, lines, outcomes);
  assert.deepEqual(
    refusals.map((r) => r.field),
    ['spend-l1', 'spend-l2', 'status-o1', 'progress'],
  );
});

test('CDRP-12: an adjustment is no more than the award less earlier adjustments, naming the amount', () => {
  const grant = { awardedPence: 1000_00, adjustedPence: 300_00, unpaidPence: 700_00 };
  const ok = validateAdjustment(
    { kind: 'underspend', amount: '700', reason: 'Venue was free' },
    grant,
  );
  assert.deepEqual(ok.refusals, []);
  assert.equal(ok.value.amountPence, 700_00);
  const over = validateAdjustment({ kind: 'clawback', amount: '700.01', reason: 'x' }, grant);
  assert.deepEqual(over.refusals, [
    {
      field: 'amount',
      key: 'grants:monitoring.errors.amountTooLarge',
      values: { left: '£700.00' },
    },
  ]);
  const bad = validateAdjustment({ kind: 'gift', amount: '0', reason: '' }, grant);
  assert.deepEqual(
    bad.refusals.map((r) => r.field),
    ['kind', 'amount', 'reason'],
  );
});

test('CDRP-12: an underspend is no more than the instalments still to be paid, naming the amount and what is unpaid; a clawback may be more', () => {
  const grant = { awardedPence: 1000_00, adjustedPence: 0, unpaidPence: 400_00 };
  const under = validateAdjustment({ kind: 'underspend', amount: '400.01', reason: 'x' }, grant);
  assert.deepEqual(under.refusals, [
    {
      field: 'amount',
      key: 'grants:monitoring.errors.amountUnpaid',
      values: { unpaid: '£400.00' },
    },
  ]);
  assert.deepEqual(
    validateAdjustment({ kind: 'underspend', amount: '400', reason: 'x' }, grant).refusals,
    [],
  );
  assert.deepEqual(
    validateAdjustment({ kind: 'clawback', amount: '900', reason: 'x' }, grant).refusals,
    [],
  );
});

test('CDRP-12: an adjustment cuts the unpaid instalments last first, removing those cut to nothing; the rest is to be recovered', () => {
  const unpaid = [
    { id: 'a', instalment: 2, amountPence: 300_00 },
    { id: 'b', instalment: 3, amountPence: 200_00 },
  ];
  assert.deepEqual(cutInstalments(unpaid, 250_00), {
    cuts: [
      { id: 'b', instalment: 3, beforePence: 200_00, afterPence: 0 },
      { id: 'a', instalment: 2, beforePence: 300_00, afterPence: 250_00 },
    ],
    recoverPence: 0,
  });
  assert.deepEqual(cutInstalments(unpaid, 100_00).cuts, [
    { id: 'b', instalment: 3, beforePence: 200_00, afterPence: 100_00 },
  ]);
  const claw = cutInstalments(unpaid, 650_00);
  assert.deepEqual(
    claw.cuts.map((c) => c.afterPence),
    [0, 0],
  );
  assert.equal(claw.recoverPence, 150_00);
  assert.deepEqual(cutInstalments([], 10_00), { cuts: [], recoverPence: 10_00 });
});

test('LEG-06: a grant is evaluated once its final return is sent or its end has passed; the evaluation needs both ratings and findings', () => {
  assert.equal(evaluationDue({ endsOn: '2027-12-31', finalSent: false }, '2027-12-31'), false);
  assert.equal(evaluationDue({ endsOn: '2027-12-31', finalSent: false }, '2028-01-01'), true);
  assert.equal(evaluationDue({ endsOn: '2027-12-31', finalSent: true }, '2027-06-01'), true);
  const { refusals } = validateEvaluation({ effectiveness: 'good' });
  assert.deepEqual(
    refusals.map((r) => r.field),
    ['valueForMoney', 'findings'],
  );
  const ok = validateEvaluation({
    effectiveness: 'good',
    valueForMoney: 'excellent',
    findings: 'Worked.',
    lessons: '',
  });
  assert.deepEqual(ok.value, {
    effectiveness: 'good',
    valueForMoney: 'excellent',
    findings: 'Worked.',
    lessons: null,
  });
});

test('CON-04: each borough’s net share is set against an equal share; a borough given nothing is flagged; area-wide money counts in the total only', () => {
  const r = boroughShares(
    ['a', 'b', 'c'],
    [
      {
        boroughId: 'a',
        awardedPence: 600_00,
        adjustedPence: 100_00,
        spentPence: 200_00,
        grants: 2,
      },
      { boroughId: 'b', awardedPence: 100_00, adjustedPence: 0, spentPence: 0, grants: 1 },
      { boroughId: null, awardedPence: 400_00, adjustedPence: 0, spentPence: 50_00, grants: 1 },
    ],
  );
  assert.equal(r.equalSharePence, 200_00);
  assert.deepEqual(
    r.boroughs.map((b) => [
      b.boroughId,
      b.netPence,
      b.againstEqualPence,
      b.sharePermille,
      b.nothingAwarded,
    ]),
    [
      ['a', 500_00, 300_00, 500, false],
      ['b', 100_00, -100_00, 100, false],
      ['c', 0, -200_00, 0, true],
    ],
  );
  assert.equal(r.areaWide?.netPence, 400_00);
  assert.equal(r.total.netPence, 1000_00);
  assert.equal(r.total.spentPence, 250_00);
  assert.equal(r.total.grants, 4);
});
