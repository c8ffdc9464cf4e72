import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
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
