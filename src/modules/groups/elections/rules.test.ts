import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../../platform/i18n/messages.js';
import { say, type Said } from '../../../platform/i18n/said.js';
import { checkElectionResult, groupElection, nextElectionDue } from './rules.js';

// The rules keep their sentences as keys: the tests read them in English, as pages show them.
const english = loadMessages(path.resolve('src')).translator('en');
const words = (said: Said | null | undefined) => (said ? say(english, said) : '');

test('IAG-21a: elections every two years; a group that never held one is due now', () => {
  assert.equal(nextElectionDue('2025-03-31', '2026-11-24'), '2027-03-31');
  assert.equal(nextElectionDue(null, '2026-11-24'), '2026-11-24');
});

test('IAG-21a, IAG-21c: the next election is overdue from its day; a sub-group has none of its own', () => {
  assert.deepEqual(groupElection('borough_iag', '2025-03-31', '2026-11-24'), {
    due: '2027-03-31',
    overdue: false,
  });
  assert.deepEqual(groupElection('borough_iag', '2024-11-24', '2026-11-24'), {
    due: '2026-11-24',
    overdue: true,
  });
  assert.deepEqual(groupElection('corporate_iag', null, '2026-11-24'), {
    due: '2026-11-24',
    overdue: true,
  });
  assert.equal(groupElection('sub_group', '2020-01-01', '2026-11-24'), null);
});

test('IAG-21a: one chair or at most two co-chairs', () => {
  const a = { personId: 'a', name: 'A' };
  const b = { personId: 'b', name: 'B' };
  const c = { personId: 'c', name: 'C' };
  assert.deepEqual(checkElectionResult([a], []), []);
  assert.deepEqual(checkElectionResult([a, b], []), []);
  assert.match(words(checkElectionResult([a, b, c], [])[0]), /at most two co-chairs/);
  assert.match(words(checkElectionResult([], [])[0]), /Select who was elected/);
});

test('IAG-21b: nobody serves more than two consecutive terms as chair', () => {
  const a = { personId: 'a', name: 'Ada' };
  assert.match(
    words(checkElectionResult([a], [['a'], ['a', 'b']])[0]),
    /Ada has chaired the group for the last 2 terms in a row.*IAG-21b/,
  );
  // A break of one term makes them eligible again.
  assert.deepEqual(checkElectionResult([a], [['b'], ['a']]), []);
  assert.deepEqual(checkElectionResult([a], [['a'], ['b'], ['a']]), []);
});
