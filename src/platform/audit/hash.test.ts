import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GENESIS_HASH, hashEvent } from './hash.js';
import { snapshot } from './service.js';

const event = {
  occurredAt: new Date('2026-11-23T10:00:00.123Z'),
  actorUserId: null,
  actorLabel: 'system',
  action: 'x.created',
  recordType: 'x',
  recordId: '1',
  before: null,
  after: { b: 2, a: 1 },
  requestId: null,
  prevHash: GENESIS_HASH,
};

test('the hash does not depend on the order of keys (jsonb reorders them)', () => {
  assert.equal(hashEvent(event), hashEvent({ ...event, after: { a: 1, b: 2 } }));
});

test('any change to an event, or to the link, changes its hash', () => {
  const base = hashEvent(event);
  assert.notEqual(hashEvent({ ...event, actorLabel: 'someone' }), base);
  assert.notEqual(hashEvent({ ...event, after: { a: 1, b: 3 } }), base);
  assert.notEqual(hashEvent({ ...event, prevHash: 'f'.repeat(64) }), base);
  assert.notEqual(hashEvent({ ...event, occurredAt: new Date('2026-11-23T10:00:00.124Z') }), base);
});

test('snapshots are JSON and never hold secrets', () => {
  const s = snapshot({
    when: new Date('2026-01-01T00:00:00Z'),
    passwordHash: '$argon2id$x',
    nested: { totpSecret: 'v1.abc', tokenHash: 'h' },
  });
  assert.deepEqual(s, {
    when: '2026-01-01T00:00:00.000Z',
    passwordHash: '[redacted]',
    nested: { totpSecret: '[redacted]', tokenHash: '[redacted]' },
  });
});
