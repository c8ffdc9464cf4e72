import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publishableCount, publishedCount, suppressCells, type CountCell } from './rules.js';

test('DP-01: counts below 10 are published as "fewer than 10"', () => {
  assert.equal(publishableCount(0), 'fewer than 10');
  assert.equal(publishableCount(9), 'fewer than 10');
  assert.equal(publishableCount(10), '10');
  assert.equal(publishableCount(250), '250');
  assert.equal(publishableCount(4, 5), 'fewer than 5');
  assert.throws(() => publishableCount(-1), RangeError);
});

/** A group of cells summing to a shown total (the last cell), as published. */
function group(counts: number[]) {
  const total = counts.reduce((a, b) => a + b, 0);
  const cells: CountCell[] = [...counts.map((count) => ({ count })), { count: total }];
  const parts = counts.map((_, i) => i);
  const out = suppressCells(cells, [{ parts, whole: counts.length }]);
  return out.map((c, i) => publishedCount(cells[i]!.count, c));
}

test('DP-01: a lone small count beside a shown total is not left to be worked out: the next smallest is withheld', () => {
  // Total 57, cells 30 and 20 shown: the 7 would be 57 − 30 − 20.
  assert.deepEqual(group([30, 20, 7]), ['30', 'not shown', 'fewer than 10', '57']);
  // Nothing small, nothing hidden.
  assert.deepEqual(group([30, 20, 17]), ['30', '20', '17', '67']);
});

test('DP-01: two small counts that the total would pin (9 and 9 of 18 hidden) are protected too', () => {
  assert.deepEqual(group([9, 9, 40]), ['fewer than 10', 'fewer than 10', 'not shown', '58']);
  // 3 and 2: 5 hidden could be 0 and 5, 1 and 4…: neither can be worked out.
  assert.deepEqual(group([3, 2, 40]), ['fewer than 10', 'fewer than 10', '40', '45']);
});

test('DP-01: a count a reader can pin to none tells of nobody, and is left', () => {
  assert.deepEqual(group([30, 20, 0]), ['30', '20', 'fewer than 10', '50']);
});

test('DP-01: a small total is itself suppressed, and its parts with it', () => {
  assert.deepEqual(group([4, 3]), ['fewer than 10', 'fewer than 10', 'fewer than 10']);
});

test('DP-01: rows and columns at once: what one line hides, another cannot give away', () => {
  // Two groups by two answers; the column totals are shown elsewhere ("always").
  //            yes  no | group
  // group A     25   5 |   30
  // group B     40  20 |   60
  // everyone    65  25 |   90 (shown elsewhere)
  const cells: CountCell[] = [
    { count: 25 }, // 0 A yes
    { count: 5 }, // 1 A no
    { count: 40 }, // 2 B yes
    { count: 20 }, // 3 B no
    { count: 30 }, // 4 A
    { count: 60 }, // 5 B
    { count: 65, show: 'always' }, // 6
    { count: 25, show: 'always' }, // 7
    { count: 90, show: 'always' }, // 8
  ];
  const lines = [
    { parts: [0, 1], whole: 4 },
    { parts: [2, 3], whole: 5 },
    { parts: [0, 2], whole: 6 },
    { parts: [1, 3], whole: 7 },
    { parts: [4, 5], whole: 8 },
  ];
  const out = suppressCells(cells, lines);
  const hidden = out.flatMap((c, i) => (c.shown === 'shown' ? [] : [i]));
  // The 5 is small; its row, its column, and the sums they are in are all withheld so that
  // no line has it alone: a reader cannot find it from the figures left.
  assert.ok(hidden.includes(1));
  assert.ok(hidden.length >= 4, JSON.stringify(out));
  for (const c of out) assert.notEqual(c.atMost, 5 - 0, 'the 5 is never pinned');
  assert.ok(out[1]!.atMost > 0 && out[1]!.atMost <= 9);
});

test('DP-01: a cell never seen (those who skipped) takes part in the sums but is never shown', () => {
  const cells: CountCell[] = [
    { count: 30 },
    { count: 4 },
    { count: 2, show: 'never' },
    { count: 36 },
  ];
  const out = suppressCells(cells, [{ parts: [0, 1, 2], whole: 3 }]);
  assert.deepEqual(
    out.map((c) => c.shown),
    ['shown', 'small', 'unseen', 'shown'],
  );
});
