import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countValue, londonDaysIn, meanValue, percentValue } from './measures.js';

test('a count is whole hundredths', () => {
  assert.equal(countValue(3), 300);
  assert.equal(countValue('12'), 1200);
  assert.equal(countValue(null), 0);
});

test('a percentage in hundredths, rounded; none when nothing was due', () => {
  assert.equal(percentValue(7, 8), 8750);
  assert.equal(percentValue(1, 3), 3333);
  assert.equal(percentValue(2, 3), 6667);
  assert.equal(percentValue(0, 4), 0);
  assert.equal(percentValue(0, 0), null);
});

test('a mean in hundredths, rounded; none of nothing', () => {
  assert.equal(meanValue(17, 4), 425);
  assert.equal(meanValue(10, 3), 333);
  assert.equal(meanValue(0, 0), null);
});

test('the London days of an instant range: a day belongs where its midnight falls', () => {
  // April 2026: midnight in London is 23:00 UTC the day before (BST).
  assert.deepEqual(
    londonDaysIn(new Date('2026-03-31T23:00:00Z'), new Date('2026-04-30T23:00:00Z')),
    { first: '2026-04-01', end: '2026-05-01' },
  );
  // Winter (GMT), and an instant after midnight: that day has begun, so it is not in.
  assert.deepEqual(
    londonDaysIn(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T00:00:01Z')),
    { first: '2026-12-01', end: '2026-12-03' },
  );
});
