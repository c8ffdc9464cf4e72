import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareRecommendationNumbers,
  moveAmong,
  naturalPlace,
  parseItemNumber,
  parseRecommendationNumber,
} from './numbering-rules.js';

test('TRK-01: recommendations keep the source’s numbering, gaps allowed, in reading order', () => {
  assert.equal(parseRecommendationNumber(' 22 '), '22');
  assert.equal(parseRecommendationNumber('10a'), '10a');
  assert.equal(parseRecommendationNumber('2.3'), '2.3');
  assert.equal(parseRecommendationNumber('Rec 4'), null);
  assert.equal(parseRecommendationNumber(''), null);
  const sorted = ['24', '2', '10a', '10', '22', '1'].sort(compareRecommendationNumbers);
  assert.deepEqual(sorted, ['1', '2', '10', '10a', '22', '24']);
});

test('TRK-01: a key point or action is numbered as the source numbers it, or not at all', () => {
  for (const n of ['2.1', '3.6', 'a', 'ii', '10a', '(b)', 'iv)', ' 2.10 '])
    assert.deepEqual(parseItemNumber(n), { number: n.trim() });
  assert.deepEqual(parseItemNumber(''), { number: null });
  assert.deepEqual(parseItemNumber('   '), { number: null });
  for (const n of ['2.1 Future budget', 'a b', '#3', '2..1', '.1', 'x'.repeat(21), '1.2.3.4.5'])
    assert.equal(parseItemNumber(n), null, n);
});

test('TRK-01: a new item goes to its natural place by number: 2 before 10, 2.3 before 2.10, unnumbered last', () => {
  const place = (numbers: (string | null)[], n: string | null) =>
    naturalPlace(
      numbers.map((number) => ({ number })),
      n,
    );
  assert.equal(place(['1', '10'], '2'), 1);
  assert.equal(place(['2.1', '2.10'], '2.3'), 1);
  assert.equal(place(['2.1', '2.3'], '2.10'), 2);
  assert.equal(place(['3', null, null], '1'), 0);
  assert.equal(place(['1', null, null], '2'), 1);
  assert.equal(place(['1', null], null), 2);
  assert.equal(place([], 'a'), 0);
  assert.equal(place(['a', 'c'], 'b'), 1);
  // Typed out of order, they still read in order.
  const typed = ['10', '2', '1', '2.3', '2.10'];
  const order: string[] = [];
  for (const n of typed)
    order.splice(
      naturalPlace(
        order.map((number) => ({ number })),
        n,
      ),
      0,
      n,
    );
  assert.deepEqual(order, ['1', '2', '2.3', '2.10', '10']);
});

test('TRK-01: an item moves one place up or down among its siblings, never past the ends', () => {
  assert.deepEqual(moveAmong(['a', 'b', 'c'], 'b', 'up'), ['b', 'a', 'c']);
  assert.deepEqual(moveAmong(['a', 'b', 'c'], 'b', 'down'), ['a', 'c', 'b']);
  assert.equal(moveAmong(['a', 'b', 'c'], 'a', 'up'), null);
  assert.equal(moveAmong(['a', 'b', 'c'], 'c', 'down'), null);
  assert.equal(moveAmong(['a', 'b'], 'z', 'up'), null);
});
