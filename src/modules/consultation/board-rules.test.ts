import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  APPROVAL_DATE_MARGIN_DAYS,
  approvalClearedBy,
  costPerResponsePence,
  materialDetailChanges,
  questionChangeIsMaterial,
  validateCostLine,
  approvalRefusal,
  endMembershipRefusal,
  financialYearAsked,
  measureStanding,
  parseFigure,
  reviewRefusal,
  servesOn,
  validateMeasure,
  validateMembership,
  withdrawalRefusal,
} from './board-rules.js';

const board = 'b1';
const now = new Date('2026-06-10T12:00:00Z');
const held = {
  bodyType: 'consultation_board',
  bodyId: board,
  startsAt: new Date('2026-06-01T18:00:00Z'),
};
const draft = { major: true, launchedAt: null };

test('CON-01: a member serves from their first day to their last, inclusive', () => {
  assert.equal(servesOn({ fromOn: '2026-01-01', toOn: null }, '2026-01-01'), true);
  assert.equal(servesOn({ fromOn: '2026-01-01', toOn: '2026-03-31' }, '2026-03-31'), true);
  assert.equal(servesOn({ fromOn: '2026-01-01', toOn: '2026-03-31' }, '2026-04-01'), false);
  assert.equal(servesOn({ fromOn: '2026-05-01', toOn: null }, '2026-04-30'), false);
});

test('CON-01: a membership needs a side and a role; the chair is from the authority and one at a time', () => {
  const ctx = { personFound: true, personMemberships: [], chairs: [] };
  assert.deepEqual(
    validateMembership({}, '2026-01-01', ctx).map((r) => r.field),
    ['side', 'role'],
  );
  assert.equal(
    validateMembership({ side: 'police', role: 'chair' }, '2026-01-01', ctx)[0]?.key,
    'consultation:board.errors.chairFromAuthority',
  );
  const chairs = [{ fromOn: '2025-01-01', toOn: null }];
  assert.equal(
    validateMembership({ side: 'authority', role: 'chair' }, '2026-01-01', { ...ctx, chairs })[0]
      ?.key,
    'consultation:board.errors.chairTaken',
  );
  // A chair who left before the new one joins is no bar.
  const left = [{ fromOn: '2025-01-01', toOn: '2025-12-31' }];
  assert.deepEqual(
    validateMembership({ side: 'authority', role: 'chair' }, '2026-01-01', {
      ...ctx,
      chairs: left,
    }),
    [],
  );
  assert.equal(
    validateMembership({ side: 'police', role: 'member' }, '2026-01-01', {
      ...ctx,
      personMemberships: [{ fromOn: '2025-01-01', toOn: null }],
    })[0]?.key,
    'consultation:board.errors.alreadyMember',
  );
});

test('CON-01: a membership ends once, not before it began', () => {
  assert.equal(endMembershipRefusal({ fromOn: '2026-01-01', toOn: null }, '2026-01-01'), null);
  assert.equal(
    endMembershipRefusal({ fromOn: '2026-01-01', toOn: null }, '2025-12-31')?.key,
    'consultation:board.errors.endBeforeStart',
  );
  assert.equal(
    endMembershipRefusal({ fromOn: '2026-01-01', toOn: '2026-02-01' }, '2026-03-01')?.key,
    'consultation:board.errors.alreadyEnded',
  );
});

test('CON-01: the board approves a major consultation before launch, naming its own minute of a meeting held', () => {
  assert.equal(approvalRefusal(draft, held, board, now), null);
  assert.equal(
    approvalRefusal({ ...draft, major: false }, held, board, now)?.key,
    'consultation:board.errors.notMajor',
  );
  assert.equal(
    approvalRefusal({ ...draft, launchedAt: now }, held, board, now)?.key,
    'consultation:board.errors.alreadyLaunched',
  );
  assert.equal(
    approvalRefusal(draft, null, board, now)?.key,
    'consultation:board.errors.minuteMissing',
  );
  assert.equal(
    approvalRefusal(draft, { ...held, bodyType: 'advisory_group' }, board, now)?.key,
    'consultation:board.errors.minuteNotBoards',
  );
  assert.equal(
    approvalRefusal(draft, { ...held, bodyId: 'other' }, board, now)?.key,
    'consultation:board.errors.minuteNotBoards',
  );
  assert.equal(
    approvalRefusal(draft, { ...held, startsAt: new Date('2026-06-11T18:00:00Z') }, board, now)
      ?.field,
    'minuteItemId',
  );
});

test('CON-01: an approval is withdrawn only before launch', () => {
  assert.equal(withdrawalRefusal({ launchedAt: null, approvalMinuteItemId: 'm' }), null);
  assert.equal(
    withdrawalRefusal({ launchedAt: now, approvalMinuteItemId: 'm' })?.key,
    'consultation:board.errors.withdrawLaunched',
  );
  assert.equal(
    withdrawalRefusal({ launchedAt: null, approvalMinuteItemId: null })?.key,
    'consultation:board.errors.notApproved',
  );
});

test('CON-01: the board reviews results once the consultation has closed', () => {
  assert.equal(reviewRefusal('closed', held, board, now), null);
  assert.equal(reviewRefusal('open', held, board, now)?.key, 'consultation:board.errors.notClosed');
  assert.equal(
    reviewRefusal('closed', { ...held, bodyId: 'x' }, board, now)?.key,
    'consultation:board.errors.minuteNotBoards',
  );
});

test('CON-01: a measure is met when its actual reaches the target, the way the measure runs', () => {
  const up = { higherIsBetter: true };
  const down = { higherIsBetter: false };
  assert.equal(measureStanding(up, null, 5), 'noTarget');
  assert.equal(measureStanding(up, 3000, null), 'notReported');
  assert.equal(measureStanding(up, 3000, 3000), 'met');
  assert.equal(measureStanding(up, 3000, 2999), 'notMet');
  assert.equal(measureStanding(down, 12.5, 12.5), 'met');
  assert.equal(measureStanding(down, 12.5, 13), 'notMet');
});

test('CON-01: figures are numbers not below zero in hundredths; a measure needs its name, count, unit and direction', () => {
  assert.deepEqual(parseFigure('3,000', 'target', true), { value: 3000, refusal: null });
  assert.equal(parseFigure('12.5', 'target', true).value, 12.5);
  assert.equal(
    parseFigure('', 'target', true).refusal?.key,
    'consultation:board.errors.targetMissing',
  );
  assert.equal(parseFigure('', 'actual', false).refusal, null);
  assert.equal(
    parseFigure('-1', 'actual', false).refusal?.key,
    'consultation:board.errors.actualNotNumber',
  );
  assert.equal(parseFigure('1.234', 'target', true).refusal?.field, 'target');
  assert.deepEqual(
    validateMeasure({}).refusals.map((r) => r.field),
    ['name', 'counts', 'unit', 'higherIsBetter'],
  );
  assert.equal(
    validateMeasure({ name: 'A', counts: 'B', unit: '%', higherIsBetter: 'no' }).value
      .higherIsBetter,
    false,
  );
  assert.equal(financialYearAsked('2026', 2025), 2026);
  assert.equal(financialYearAsked('x', 2025), 2025);
  assert.equal(financialYearAsked('1999', 2025), 2025);
});

const approved = {
  title: 'Policing priorities 2027-28',
  purpose: 'To hear what Londoners want the police to put first.',
  opensOn: '2027-01-04',
  closesOn: '2027-03-29',
  audience: 'public',
  boroughId: null,
  major: true,
};

test('CON-01: a new title, or a purpose only re-spaced, is not a material change', () => {
  assert.deepEqual(
    materialDetailChanges(approved, {
      ...approved,
      title: 'Your police, your priorities',
      purpose: '  To hear what Londoners want   the police\nto put first. ',
    }),
    [],
  );
});

test('CON-01: purpose, who may respond, the borough and whether major are material changes', () => {
  assert.deepEqual(
    materialDetailChanges(approved, {
      ...approved,
      purpose: 'To hear what businesses want the police to put first.',
      audience: 'invited',
      boroughId: 'camden',
      major: false,
    }),
    ['purpose', 'audience', 'borough', 'major'],
  );
});

test('CON-01: dates moving within the margin stand; beyond it, or the period shortened beyond it, are material', () => {
  const margin = APPROVAL_DATE_MARGIN_DAYS;
  assert.equal(margin, 7);
  // Both days a week later: the same period, within the margin.
  assert.deepEqual(
    materialDetailChanges(approved, { ...approved, opensOn: '2027-01-11', closesOn: '2027-04-05' }),
    [],
  );
  // The opening day eight days later.
  assert.deepEqual(materialDetailChanges(approved, { ...approved, opensOn: '2027-01-12' }), [
    'dates',
  ]);
  // The closing day eight days earlier.
  assert.deepEqual(materialDetailChanges(approved, { ...approved, closesOn: '2027-03-21' }), [
    'dates',
  ]);
  // Each day moved a week inwards: the period shortened by fourteen days.
  assert.deepEqual(
    materialDetailChanges(approved, { ...approved, opensOn: '2027-01-11', closesOn: '2027-03-22' }),
    ['dates'],
  );
  // Lengthened by a week at the end: no less consultation than the board approved.
  assert.deepEqual(materialDetailChanges(approved, { ...approved, closesOn: '2027-04-05' }), []);
});

test('CON-01: a question added or removed, or its wording, kind, choices, scale or show-if changed, is material', () => {
  const q = {
    kind: 'single',
    text: 'Should burglary be a priority?',
    choices: ['Yes', 'No'],
    ratingScale: null,
    shownIfOptionId: null,
  };
  assert.equal(questionChangeIsMaterial(null, q), true);
  assert.equal(questionChangeIsMaterial(q, null), true);
  assert.equal(questionChangeIsMaterial(q, { ...q, text: 'Should robbery be a priority?' }), true);
  assert.equal(questionChangeIsMaterial(q, { ...q, choices: ['Yes', 'No', 'Not sure'] }), true);
  assert.equal(questionChangeIsMaterial(q, { ...q, kind: 'multiple' }), true);
  assert.equal(questionChangeIsMaterial(q, { ...q, shownIfOptionId: 'o1' }), true);
  assert.equal(
    questionChangeIsMaterial(
      { ...q, kind: 'rating', choices: [], ratingScale: 5 },
      { ...q, kind: 'rating', choices: [], ratingScale: 10 },
    ),
    true,
  );
  // Spacing and the case of a choice are not.
  assert.equal(
    questionChangeIsMaterial(q, {
      ...q,
      text: 'Should  burglary be a priority? ',
      choices: ['yes', 'no'],
    }),
    false,
  );
});

test('CON-01: only an approval still governing (approved, not launched) is cleared, and only by a material change', () => {
  const draft = { approvalMinuteItemId: 'm1', launchedAt: null };
  assert.equal(approvalClearedBy(draft, ['purpose']), true);
  assert.equal(approvalClearedBy(draft, []), false);
  assert.equal(approvalClearedBy({ ...draft, approvalMinuteItemId: null }, ['purpose']), false);
  assert.equal(approvalClearedBy({ ...draft, launchedAt: new Date() }, ['purpose']), false);
});

test('CON-01: a cost line needs what, an amount in pounds and pence, and a day not after today', () => {
  const ok = validateCostLine(
    { what: ' Venue hire ', amount: '£1,250.50' },
    '2026-12-01',
    '2026-12-07',
  );
  assert.deepEqual(ok.refusals, []);
  assert.deepEqual(ok.value, { what: 'Venue hire', amountPence: 125050, spentOn: '2026-12-01' });
  const keys = (what: string, amount: string, day: string | null) =>
    validateCostLine({ what, amount }, day, '2026-12-07').refusals.map(
      (r) => `${r.field}:${r.key.split('.').pop()}`,
    );
  assert.deepEqual(keys('', '', '2026-12-08'), [
    'what:costWhatMissing',
    'amount:costAmountMissing',
    'spentOn-day:costInFuture',
  ]);
  assert.deepEqual(keys('Leaflets', 'twelve', '2026-12-01'), ['amount:costAmountNotMoney']);
  assert.deepEqual(keys('Leaflets', '0.00', '2026-12-01'), ['amount:costAmountZero']);
  assert.deepEqual(keys('Leaflets', '1000000.01', '2026-12-01'), ['amount:costAmountTooLarge']);
  assert.deepEqual(keys('Leaflets', '1000000', '2026-12-07'), []);
});

test('CON-01: the cost per response is to the nearest penny, and none without responses', () => {
  assert.equal(costPerResponsePence(100_000, 3), 33_333);
  assert.equal(costPerResponsePence(100_000, 0), null);
  assert.equal(costPerResponsePence(0, 12), 0);
});
