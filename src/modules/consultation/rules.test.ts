import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consultationPhase } from './rules.js';

const launched = new Date('2026-03-01T10:00:00Z');
const consultation = {
  opensOn: '2026-03-10',
  closesOn: '2026-04-10',
  launchedAt: launched,
  closedEarlyAt: null,
};

test('CON-07: a consultation is a draft until launched, then open from its first to its last day', () => {
  assert.equal(consultationPhase({ ...consultation, launchedAt: null }, '2026-03-20'), 'draft');
  assert.equal(consultationPhase(consultation, '2026-03-09'), 'upcoming');
  assert.equal(consultationPhase(consultation, '2026-03-10'), 'open');
  assert.equal(consultationPhase(consultation, '2026-04-10'), 'open');
  assert.equal(consultationPhase(consultation, '2026-04-11'), 'closed');
});

test('CON-07: a consultation closed early is closed, whatever its closing date', () => {
  assert.equal(
    consultationPhase(
      { ...consultation, closedEarlyAt: new Date('2026-03-15T09:00:00Z') },
      '2026-03-16',
    ),
    'closed',
  );
});
