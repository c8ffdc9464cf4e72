import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removalRefusal } from '../removal-rules.js';

test('TRK-01: something with no actions, or whose actions stand as they were added, may be removed', () => {
  assert.equal(removalRefusal([]), null);
  assert.equal(
    removalRefusal([
      { result: 'ongoing', updates: [{ kind: 'added', result: 'ongoing' }] },
      { result: 'completed', updates: [{ kind: 'imported', result: 'completed' }] },
      // Edits and withdrawals are not progress.
      {
        result: 'not_started',
        updates: [
          { kind: 'added', result: 'not_started' },
          { kind: 'edited', result: null },
        ],
      },
    ]),
    null,
  );
});

test('TRK-01: once progress is reported against anything under it, it is withdrawn, not removed', () => {
  assert.equal(
    removalRefusal([
      { result: 'ongoing', updates: [{ kind: 'added', result: 'ongoing' }] },
      {
        result: 'ongoing',
        updates: [
          { kind: 'added', result: 'ongoing' },
          // A progress update counts even when it leaves the result as it was.
          { kind: 'progress', result: 'ongoing' },
        ],
      },
    ]),
    'tracker:editing.remove.refused',
  );
});

test('TRK-01: an action standing at a result other than the one it was added with is progress', () => {
  assert.equal(
    removalRefusal([{ result: 'completed', updates: [{ kind: 'imported', result: 'awaits' }] }]),
    'tracker:editing.remove.refused',
  );
  // With no record of how it was added, the result it has is the one it was added with.
  assert.equal(removalRefusal([{ result: 'awaits', updates: [] }]), null);
});
