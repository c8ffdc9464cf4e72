import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  budgetBelowCommitted,
  closedFundRoundRefusal,
  closeFundRefusal,
  followsFundCriteria,
  parseMoney,
  remainingPence,
  roundDateRefusals,
  roundState,
  tooManyCriteria,
  validateBudget,
  yearTakenRefusal,
  validateCloseReason,
  validateCriterion,
  validateFund,
} from './rules.js';

const pence = (typed: string) => {
  const read = parseMoney(typed, 'amount');
  return 'pence' in read ? read.pence : read.refusal.key;
};

test('CDRP-12: money typed in pounds and pence is read as integer pence', () => {
  assert.equal(pence('£1,250.50'), 125050);
  assert.equal(pence('1250.5'), 125050);
  assert.equal(pence(' 12 '), 1200);
  assert.equal(pence('£0.99'), 99);
  assert.equal(pence('£1,000,000'), 100_000_000);
});

test('CDRP-12: negative amounts, more than two decimals, words and amounts over £1,000,000 are refused', () => {
  assert.equal(pence('-5'), 'grants:funds.errors.money.negative');
  assert.equal(pence('£-5.00'), 'grants:funds.errors.money.negative');
  assert.equal(pence('12.505'), 'grants:funds.errors.money.decimals');
  assert.equal(pence('twelve'), 'grants:funds.errors.money.notMoney');
  assert.equal(pence('£1,000,000.01'), 'grants:funds.errors.money.tooLarge');
  assert.equal(pence('99999999999999999'), 'grants:funds.errors.money.tooLarge');
  assert.equal(pence(''), 'grants:funds.errors.money.missing');
  assert.equal(pence('0'), 'grants:funds.errors.money.zero');
});

test('CDRP-12: a year budget is refused below what is committed, naming the budget field', () => {
  assert.equal(budgetBelowCommitted(5000_00, 5000_00), null);
  assert.deepEqual(budgetBelowCommitted(4999_99, 5000_00), {
    field: 'budget',
    key: 'grants:funds.errors.budgetBelowCommitted',
    values: { committed: '£5,000.00' },
  });
  const { value, refusals } = validateBudget({ startYear: '2026', budget: '£1,000,000' }, 0);
  assert.deepEqual(refusals, []);
  assert.deepEqual(value, { startYear: 2026, budgetPence: 100_000_000 });
  assert.equal(remainingPence({ budgetPence: 1000, committedPence: 400 }), 600);
  assert.deepEqual(
    validateBudget({ startYear: '26', budget: '£10' }, 2000).refusals.map((r) => r.field),
    ['startYear', 'budget'],
  );
});

test('CON-04: a fund publishes its description and conditions and says who may apply', () => {
  const ok = validateFund({
    name: 'Engagement groups fund',
    kind: 'engagement',
    description: 'For groups',
    conditions: 'Evaluated',
    applicantKinds: ['engagement_group', 'organisation'],
    returnIntervalMonths: '3',
  });
  assert.deepEqual(ok.refusals, []);
  assert.deepEqual(ok.value.applicantKinds, ['engagement_group', 'organisation']);
  const bad = validateFund({
    kind: 'lottery',
    applicantKinds: ['anyone'],
    returnIntervalMonths: '13',
  });
  assert.deepEqual(
    bad.refusals.map((r) => r.field),
    ['name', 'kind', 'description', 'conditions', 'applicantKinds', 'returnIntervalMonths'],
  );
});

test('CON-04: criteria are weighted 1 to 10 and fixed once a round has submitted applications', () => {
  assert.deepEqual(validateCriterion({ title: 'Reach', weight: '3' }).refusals, []);
  assert.deepEqual(
    validateCriterion({ title: '', weight: '11' }).refusals.map((r) => r.field),
    ['title', 'weight'],
  );
  assert.equal(tooManyCriteria(19), null);
  assert.equal(tooManyCriteria(20)?.key, 'grants:funds.errors.tooManyCriteria');
});

test("CON-04: a round follows its fund's criteria only until it opens or is fixed", () => {
  const round = { opensOn: '2026-12-01', criteriaFixedAt: null };
  assert.equal(followsFundCriteria(round, '2026-11-30'), true);
  assert.equal(followsFundCriteria(round, '2026-12-01'), false);
  const fixed = { ...round, criteriaFixedAt: new Date('2026-11-01T10:00:00Z') };
  assert.equal(followsFundCriteria(fixed, '2026-11-30'), false);
});

test('CON-04, LEG-06: a fund closes only when none of its rounds is open or to open; its rounds stay closed', () => {
  const open = { title: 'Autumn', opensOn: '2026-11-01', closesOn: '2026-11-30' };
  const soon = { title: 'Spring', opensOn: '2027-01-01', closesOn: '2027-02-01' };
  const past = { title: 'Summer', opensOn: '2026-06-01', closesOn: '2026-07-01' };
  const fund = { closedAt: null };
  assert.equal(closeFundRefusal(fund, [past], '2026-11-23'), null);
  assert.deepEqual(closeFundRefusal(fund, [open], '2026-11-23'), {
    key: 'grants:funds.errors.closeWithRound.open',
    values: { title: 'Autumn' },
  });
  assert.equal(
    closeFundRefusal(fund, [soon], '2026-11-23')?.key,
    'grants:funds.errors.closeWithRound.upcoming',
  );
  const closed = { closedAt: new Date('2026-11-01T10:00:00Z') };
  assert.equal(
    closeFundRefusal(closed, [], '2026-11-23')?.key,
    'grants:funds.errors.alreadyClosed',
  );
  assert.equal(closedFundRoundRefusal(closed, '2026-11-22', '2026-11-23'), null);
  assert.equal(closedFundRoundRefusal(closed, '2026-11-23', '2026-11-23')?.field, 'closesOn-day');
  assert.equal(closedFundRoundRefusal(fund, '2027-01-01', '2026-11-23'), null);
  assert.equal(validateCloseReason({ reason: '  ' }).reason, null);
  assert.equal(validateCloseReason({ reason: 'x'.repeat(2001) }).refusals[0]?.field, 'reason');
});

test('CON-04: a round is open from its opening day to its closing day, both included', () => {
  const round = { opensOn: '2026-09-01', closesOn: '2026-10-31' };
  assert.equal(roundState(round, '2026-08-31'), 'upcoming');
  assert.equal(roundState(round, '2026-09-01'), 'open');
  assert.equal(roundState(round, '2026-10-31'), 'open');
  assert.equal(roundState(round, '2026-11-01'), 'closed');
  assert.deepEqual(
    roundDateRefusals('2026-09-01', '2026-08-31', null).map((r) => r.field),
    ['closesOn-day'],
  );
  assert.deepEqual(
    roundDateRefusals('2026-09-01', '2026-09-01', '2026-08-01').map((r) => r.field),
    ['decisionsBy-day'],
  );
});

test("CDRP-12: a new year's budget is refused for a year that has one; the year's own form (with its version) is not", () => {
  const existing = { startYear: 2026, budgetPence: 50_000_00 };
  assert.deepEqual(yearTakenRefusal(existing, undefined), {
    field: 'startYear',
    key: 'grants:funds.errors.yearHasBudget',
    values: { year: '2026-27', budget: '£50,000.00' },
  });
  assert.notEqual(yearTakenRefusal(existing, ' '), null);
  assert.equal(yearTakenRefusal(existing, '3'), null);
  assert.equal(yearTakenRefusal(undefined, undefined), null);
});
