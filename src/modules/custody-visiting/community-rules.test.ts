import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { say } from '../../platform/i18n/said.js';
import { activitySummary, validateActivity } from './community-rules.js';

const english = loadMessages(path.resolve('src')).translator('en');
const TODAY = '2026-11-23';

test('ICV-10: a community activity has its day (not to come), its kind, a short description and, if known, the people reached', () => {
  const ok = validateActivity(
    { kind: 'talk', description: ' Talk to the  tenants ', reached: '1,200' },
    '2026-11-20',
    TODAY,
  );
  assert.deepEqual(ok.refusals, []);
  assert.deepEqual(ok.value, {
    heldOn: '2026-11-20',
    kind: 'talk',
    description: 'Talk to the tenants',
    reached: 1200,
  });
  assert.equal(
    validateActivity({ kind: 'stall', description: 'A stall' }, TODAY, TODAY).value.reached,
    null,
  );
  const bad = validateActivity(
    { kind: 'party', description: 'x'.repeat(501), reached: 'lots' },
    '2026-11-24',
    TODAY,
  );
  assert.deepEqual(
    bad.refusals.map((r) => [r.field, say(english, r)]),
    [
      ['heldOn-day', 'The date must be today or in the past'],
      ['kind', 'Select the kind of activity'],
      ['description', 'The description must be 500 characters or fewer'],
      ['reached', 'Enter the people reached as a whole number, like 40'],
    ],
  );
  assert.deepEqual(
    validateActivity({}, null, TODAY).refusals.map((r) => r.field),
    ['kind', 'description'],
  );
});

test('LEG-05: how a panel tells its community is counted by kind, every kind shown, with the people reached', () => {
  const summary = activitySummary([
    { kind: 'article', count: 1, reached: 0 },
    { kind: 'talk', count: 2, reached: 70 },
  ]);
  assert.deepEqual(
    summary.kinds.map((k) => [k.kind, k.count, k.reached]),
    [
      ['talk', 2, 70],
      ['stall', 0, 0],
      ['article', 1, 0],
      ['other', 0, 0],
    ],
  );
  assert.equal(summary.count, 3);
  assert.equal(summary.reached, 70);
});
