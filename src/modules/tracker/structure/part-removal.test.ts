import assert from 'node:assert/strict';
import { test } from 'node:test';
import { partRemovalRefusal } from '../removal-rules.js';

test('TRK-01: an empty part with nothing reported in it may be removed', () => {
  assert.equal(partRemovalRefusal({ items: 0, actions: [] }), null);
});

test('TRK-01: a part still holding items is not removed with them: they are moved or removed first', () => {
  assert.equal(
    partRemovalRefusal({
      items: 2,
      actions: [{ result: 'not_started', updates: [{ kind: 'added', result: 'not_started' }] }],
    }),
    'tracker:structure.part.remove.notEmpty',
  );
});

test('TRK-01: once progress is reported against anything in a part, it is withdrawn, not removed', () => {
  assert.equal(
    partRemovalRefusal({
      items: 1,
      actions: [
        {
          result: 'ongoing',
          updates: [
            { kind: 'added', result: 'not_started' },
            { kind: 'progress', result: 'ongoing' },
          ],
        },
      ],
    }),
    'tracker:structure.part.remove.refused',
  );
});
