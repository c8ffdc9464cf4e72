import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  periodProblem,
  removedOn,
  retentionEndsOn,
  retentionStep,
  startedByFor,
  warnedOn,
} from './rules.js';

const year = { count: 12, unit: 'months' } as const;
const sixYears = { count: 72, unit: 'months' } as const;

test('DP-03: a period of calendar months ends on the same day, or the last day of a shorter month', () => {
  assert.equal(retentionEndsOn('2025-03-14', year), '2026-03-14');
  assert.equal(retentionEndsOn('2024-02-29', year), '2025-02-28');
  assert.equal(retentionEndsOn('2020-04-05', sixYears), '2026-04-05');
  assert.equal(retentionEndsOn('2025-01-31', { count: 1, unit: 'months' }), '2025-02-28');
  assert.equal(retentionEndsOn('2025-12-20', { count: 30, unit: 'days' }), '2026-01-19');
});

test('DP-03: a record is due once its period has ended: every start day up to the cutoff', () => {
  // 28 February 2026: records started 29, 30 and 31 January end that day too.
  assert.equal(startedByFor('2026-02-28', { count: 1, unit: 'months' }), '2026-01-31');
  assert.equal(startedByFor('2026-03-14', year), '2025-03-14');
  assert.equal(startedByFor('2026-01-19', { count: 30, unit: 'days' }), '2025-12-20');
  for (const start of ['2025-03-13', '2025-03-14'])
    assert.ok(retentionEndsOn(start, year) <= '2026-03-14', start);
  assert.ok(retentionEndsOn('2025-03-15', year) > '2026-03-14');
});

test('DP-03: the owner is warned the warning period before the period ends', () => {
  assert.equal(warnedOn('2025-03-14', year, 30), '2026-02-12');
  const record = { startedOn: '2025-03-14', warnedOn: null, held: false };
  assert.equal(retentionStep(record, year, 30, '2026-02-11'), 'wait');
  assert.equal(retentionStep(record, year, 30, '2026-02-12'), 'warn');
});

test('DP-03: a warned record is removed on the day its period ends, not before', () => {
  const record = { startedOn: '2025-03-14', warnedOn: '2026-02-12', held: false };
  assert.equal(retentionStep(record, year, 30, '2026-03-13'), 'wait');
  assert.equal(retentionStep(record, year, 30, '2026-03-14'), 'remove');
});

test('DP-03: a record never warned is warned first, and removed no sooner than the warning period after', () => {
  // The period was shortened: its end has passed, but nobody was told yet.
  const record = { startedOn: '2020-01-01', warnedOn: null, held: false };
  assert.equal(retentionStep(record, year, 30, '2026-03-14'), 'warn');
  const warned = { ...record, warnedOn: '2026-03-14' };
  assert.equal(retentionStep(warned, year, 30, '2026-04-12'), 'wait');
  assert.equal(retentionStep(warned, year, 30, '2026-04-13'), 'remove');
});

test('DP-03: the day a warning gives is the day the record is removed at the earliest, never one already past', () => {
  // Warned on time: its period's end.
  assert.equal(removedOn('2025-03-14', year, '2026-02-12', 30), '2026-03-14');
  // The period was shortened and has ended: the warning period after the warning.
  assert.equal(removedOn('2020-01-01', year, '2026-03-14', 30), '2026-04-13');
  const warned = { startedOn: '2020-01-01', warnedOn: '2026-03-14', held: false };
  assert.equal(retentionStep(warned, year, 30, '2026-04-12'), 'wait');
  assert.equal(retentionStep(warned, year, 30, '2026-04-13'), 'remove');
});

test('DP-03: a legal hold stops the clock: a held record is neither warned nor removed', () => {
  assert.equal(
    retentionStep({ startedOn: '2020-01-01', warnedOn: null, held: true }, year, 30, '2026-03-14'),
    'hold',
  );
  assert.equal(
    retentionStep(
      { startedOn: '2020-01-01', warnedOn: '2021-01-01', held: true },
      year,
      30,
      '2026-03-14',
    ),
    'hold',
  );
});

test('DP-03: a period set on the schedule is a whole number of months or days within the limits', () => {
  assert.equal(periodProblem('12', 'months'), null);
  assert.equal(periodProblem('0', 'days'), null);
  assert.equal(periodProblem('1201', 'months'), 'count');
  assert.equal(periodProblem('-1', 'months'), 'count');
  assert.equal(periodProblem('1.5', 'months'), 'count');
  assert.equal(periodProblem('', 'months'), 'count');
  assert.equal(periodProblem('12', 'years'), 'unit');
});
