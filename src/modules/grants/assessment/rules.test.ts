import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  budgetRefusal,
  decisionRefusal,
  evaluationRefusal,
  instalments,
  scoreField,
  validateConflict,
  validateDecision,
  validateScores,
  weightedScore,
} from './rules.js';

const criteria = [
  { id: 'a', title: 'Reaches the seldom heard', weight: 3 },
  { id: 'b', title: 'Value for money', weight: 1 },
];

test('CON-04: an assessor sends a score of 0 to 5 against every criterion', () => {
  const sent = validateScores({ [scoreField('a')]: '4', [scoreField('b')]: '' }, criteria, true);
  assert.deepEqual(
    sent.refusals.map((r) => [r.field, r.key]),
    [['score-b', 'grants:assessment.errors.scoreMissing']],
  );
  const saved = validateScores({ [scoreField('a')]: '4', [scoreField('b')]: '' }, criteria, false);
  assert.deepEqual(saved.refusals, []);
  assert.deepEqual(
    saved.value.scores.map((s) => s.score),
    [4, null],
  );
  for (const bad of ['6', '-1', '2.5', 'four'])
    assert.equal(
      validateScores({ [scoreField('a')]: bad }, criteria, false).refusals[0]?.key,
      'grants:assessment.errors.scoreRange',
      bad,
    );
});

test('CON-04: the weighted score counts sent assessments with no conflict of interest', () => {
  const result = weightedScore(criteria, [
    {
      conflicted: false,
      submitted: true,
      scores: new Map([
        ['a', 5],
        ['b', 1],
      ]),
    },
    {
      conflicted: false,
      submitted: true,
      scores: new Map([
        ['a', 3],
        ['b', 3],
      ]),
    },
    // Removed by a declared conflict, and one not yet sent: neither counts.
    {
      conflicted: true,
      submitted: false,
      scores: new Map([
        ['a', 0],
        ['b', 0],
      ]),
    },
    {
      conflicted: false,
      submitted: false,
      scores: new Map([
        ['a', 0],
        ['b', 0],
      ]),
    },
  ]);
  assert.equal(result.counted, 2);
  assert.deepEqual(
    result.criteria.map((c) => c.mean),
    [4, 2],
  );
  // (3 × 4 + 1 × 2) / (4 × 5) = 14 / 20.
  assert.equal(result.percent, 70);
  assert.equal(weightedScore(criteria, []).percent, null);
});

test('CON-04: a conflict of interest is declared with what it is', () => {
  assert.equal(validateConflict({ note: ' ' }).refusals[0]?.field, 'note');
  assert.deepEqual(validateConflict({ note: 'I chair the group' }).refusals, []);
});

test('CON-04: the panel records who sat, the outcome and its reason', () => {
  const { refusals } = validateDecision({}, 100_00);
  assert.deepEqual(
    refusals.map((r) => r.field),
    ['outcome', 'panel', 'reason'],
  );
  const declined = validateDecision(
    { outcome: 'declined', panel: 'Grants panel', reason: 'Outside the criteria' },
    100_00,
  );
  assert.deepEqual(declined.value, {
    outcome: 'declined',
    panel: 'Grants panel',
    reason: 'Outside the criteria',
  });
});

test('CON-05: an award is more than nothing and no more than was asked, with conditions and instalments', () => {
  const base = { outcome: 'awarded', panel: 'Panel', reason: 'Strong bid' };
  const fields = (input: Record<string, string>) =>
    validateDecision({ ...base, ...input }, 1_000_00).refusals.map((r) => [r.field, r.key]);
  assert.deepEqual(fields({ amount: '1000.01', conditions: 'Returns', instalments: '2' }), [
    ['amount', 'grants:award.errors.amountOverRequested'],
  ]);
  assert.deepEqual(fields({ amount: '0', conditions: 'Returns', instalments: '2' }), [
    ['amount', 'grants:award.errors.amountInvalid'],
  ]);
  assert.deepEqual(fields({ amount: '500', conditions: '', instalments: '5' }), [
    ['conditions', 'grants:award.errors.conditionsMissing'],
    ['instalments', 'grants:award.errors.instalments'],
  ]);
  const ok = validateDecision(
    { ...base, amount: '£750.50', conditions: 'Quarterly returns', instalments: '2' },
    1_000_00,
  );
  assert.deepEqual(ok.value, {
    ...base,
    awardedPence: 750_50,
    conditions: 'Quarterly returns',
    instalments: 2,
  });
});

test('CON-04: the panel decides a submitted application once it has been assessed', () => {
  assert.equal(
    decisionRefusal({ status: 'draft', counted: 2 })?.key,
    'grants:award.errors.notSubmitted',
  );
  assert.equal(
    decisionRefusal({ status: 'withdrawn', counted: 2 })?.key,
    'grants:award.errors.notSubmitted',
  );
  assert.equal(
    decisionRefusal({ status: 'awarded', counted: 2 })?.key,
    'grants:award.errors.alreadyDecided',
  );
  assert.equal(
    decisionRefusal({ status: 'submitted', counted: 0 })?.key,
    'grants:award.errors.notAssessed',
  );
  assert.equal(decisionRefusal({ status: 'submitted', counted: 1 }), null);
});

test('LEG-06: no new award while an ended grant of the applicant awaits its evaluation', () => {
  assert.equal(evaluationRefusal([]), null);
  const refused = evaluationRefusal([{ reference: 12 }, { reference: 40 }]);
  assert.equal(refused?.key, 'grants:award.errors.evaluationOutstanding');
  assert.deepEqual(refused?.values, { references: 'G-12, G-40' });
});

test('CDRP-12: an award takes no more than its fund year has left', () => {
  assert.equal(budgetRefusal(1, undefined)?.key, 'grants:award.errors.noBudget');
  const year = { budgetPence: 10_000_00, committedPence: 9_000_00 };
  assert.equal(budgetRefusal(1_000_00, year), null);
  const over = budgetRefusal(1_000_01, year);
  assert.equal(over?.key, 'grants:award.errors.overBudget');
  assert.deepEqual(over?.values, { left: '£1,000.00' });
});

test('CDRP-12: an award is paid in equal instalments, the odd pence first', () => {
  assert.deepEqual(instalments(1_000_00, 3, '2027-01-15', 3), [
    { instalment: 1, dueOn: '2027-01-15', amountPence: 333_34 },
    { instalment: 2, dueOn: '2027-04-15', amountPence: 333_33 },
    { instalment: 3, dueOn: '2027-07-15', amountPence: 333_33 },
  ]);
  assert.deepEqual(instalments(500, 1, '2027-01-31', 3), [
    { instalment: 1, dueOn: '2027-01-31', amountPence: 500 },
  ]);
  // A month shorter than the day: the last day of the month.
  assert.equal(instalments(300, 2, '2026-11-30', 3)[1]!.dueOn, '2027-02-28');
});
