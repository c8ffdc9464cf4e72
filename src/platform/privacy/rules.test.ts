import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publishableCount } from './rules.js';

test('DP-01: counts below 10 are published as "fewer than 10"', () => {
  assert.equal(publishableCount(0), 'fewer than 10');
  assert.equal(publishableCount(9), 'fewer than 10');
  assert.equal(publishableCount(10), '10');
  assert.equal(publishableCount(250), '250');
  assert.equal(publishableCount(4, 5), 'fewer than 5');
  assert.throws(() => publishableCount(-1), RangeError);
});
