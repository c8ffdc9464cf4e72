import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  OUTCOME_TEXT_MAX,
  outcomePhaseRefusal,
  publishRefusal,
  validateOutcome,
} from './outcome-rules.js';

const SOURCE = '11111111-1111-4111-8111-111111111111';
const MINUTE = '22222222-2222-4222-8222-222222222222';
const known = { sourceIds: [SOURCE], minuteIds: [MINUTE] };
const fields = (input: Parameters<typeof validateOutcome>[0]) =>
  validateOutcome(input, known).refusals.map((r) => `${r.field}: ${r.key}`);

test('CON-07: only a closed consultation has its outcome written', () => {
  assert.equal(outcomePhaseRefusal('closed'), null);
  for (const phase of ['draft', 'upcoming', 'open'] as const)
    assert.equal(outcomePhaseRefusal(phase)?.key, 'consultation:outcomes.errors.notClosed');
});

test('CON-07: both "you said" and "we did" are required, and not over the limit', () => {
  assert.deepEqual(fields({ youSaid: '  ', weDid: '', changePromised: 'no' }), [
    'youSaid: consultation:outcomes.errors.youSaidMissing',
    'weDid: consultation:outcomes.errors.weDidMissing',
  ]);
  assert.deepEqual(
    fields({ youSaid: 'x'.repeat(OUTCOME_TEXT_MAX + 1), weDid: 'Kept it', changePromised: 'no' }),
    ['youSaid: consultation:outcomes.errors.tooLong'],
  );
  assert.deepEqual(fields({ youSaid: 'Keep it', weDid: 'Kept it' }), [
    'changePromised: consultation:outcomes.errors.promisedMissing',
  ]);
});

test('CON-07: a promised change needs the tracker source that shows it; none when none was promised', () => {
  assert.deepEqual(fields({ youSaid: 'a', weDid: 'b', changePromised: 'yes' }), [
    'trackerSourceId: consultation:outcomes.errors.sourceMissing',
  ]);
  assert.deepEqual(
    fields({
      youSaid: 'a',
      weDid: 'b',
      changePromised: 'yes',
      trackerSourceId: '33333333-3333-4333-8333-333333333333',
    }),
    ['trackerSourceId: consultation:outcomes.errors.sourceUnknown'],
  );
  const promised = validateOutcome(
    { youSaid: ' a ', weDid: 'b', changePromised: 'yes', trackerSourceId: SOURCE },
    known,
  );
  assert.deepEqual(promised.refusals, []);
  assert.deepEqual(promised.value, {
    youSaid: 'a',
    weDid: 'b',
    changePromised: true,
    trackerSourceId: SOURCE,
    decisionMinuteItemId: null,
  });
  // A source left chosen while no change is promised is not kept.
  const none = validateOutcome(
    { youSaid: 'a', weDid: 'b', changePromised: 'no', trackerSourceId: SOURCE },
    known,
  );
  assert.equal(none.value.trackerSourceId, null);
});

test('CON-07: the decision is a minute that exists, and publishing needs one', () => {
  assert.deepEqual(
    fields({
      youSaid: 'a',
      weDid: 'b',
      changePromised: 'no',
      decisionMinuteItemId: '44444444-4444-4444-8444-444444444444',
    }),
    ['decisionMinuteItemId: consultation:outcomes.errors.minuteUnknown'],
  );
  assert.equal(
    publishRefusal({ decisionMinuteItemId: null })?.key,
    'consultation:outcomes.errors.minuteMissing',
  );
  assert.equal(publishRefusal({ decisionMinuteItemId: MINUTE }), null);
});
