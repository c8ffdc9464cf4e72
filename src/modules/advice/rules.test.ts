import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTriage, routingProblem, triageDueAt, triageOverdue, waitedFor } from './rules.js';

const targets = { urgentMinutes: 120, routineWorkingDays: 5 };

test('IAG-08: an urgent request is due for triage two hours after it arrives, night or day', () => {
  const submittedAt = new Date('2026-12-25T23:30:00Z');
  assert.equal(
    triageDueAt({ urgency: 'urgent', submittedAt }, targets).toISOString(),
    '2026-12-26T01:30:00.000Z',
  );
});

test('IAG-08: a routine request is due five working days later, at the time it arrived', () => {
  // Friday 18 December 2026, 3pm: 21st to 24th, then Christmas and Boxing Day (moved to Monday
  // 28th) are skipped, so the fifth working day is Tuesday 29th.
  const submittedAt = new Date('2026-12-18T15:00:00Z');
  assert.equal(
    triageDueAt({ urgency: 'routine', submittedAt }, targets).toISOString(),
    '2026-12-29T15:00:00.000Z',
  );
  // In summer time the London clock time is kept: 10am BST is 9am UTC.
  const summer = new Date('2026-06-01T09:00:00Z');
  assert.equal(
    triageDueAt({ urgency: 'routine', submittedAt: summer }, targets).toISOString(),
    '2026-06-08T09:00:00.000Z',
  );
});

test('IAG-08: only a request still waiting after it was due is overdue; targets are settings', () => {
  const submittedAt = new Date('2026-11-23T10:00:00Z');
  const waiting = { status: 'awaiting_triage' as const, urgency: 'urgent' as const, submittedAt };
  assert.equal(triageOverdue(waiting, targets, new Date('2026-11-23T12:00:00Z')), false);
  assert.equal(triageOverdue(waiting, targets, new Date('2026-11-23T12:00:01Z')), true);
  assert.equal(
    triageOverdue({ ...waiting, status: 'routed' }, targets, new Date('2026-11-30T00:00:00Z')),
    false,
  );
  assert.equal(
    triageOverdue(waiting, { ...targets, urgentMinutes: 30 }, new Date('2026-11-23T10:31:00Z')),
    true,
  );
});

test('IAG-08: a request is routed or declined once, while it waits for triage', () => {
  assert.equal(checkTriage('awaiting_triage'), null);
  assert.match(checkTriage('routed')!, /already been passed/);
  assert.match(checkTriage('declined')!, /declined/);
});

test('IAG-07, IAG-08: a request goes only to a working group with a deployment contact', () => {
  const race = { name: 'Race IAG', status: 'active', deploymentContactId: 'p1' };
  assert.equal(routingProblem(race), null);
  assert.equal(routingProblem({ ...race, status: 'forming' }), null);
  assert.match(routingProblem({ ...race, status: 'suspended' })!, /not working/);
  assert.match(routingProblem({ ...race, deploymentContactId: null })!, /IAG-07/);
});

test('how long a request has waited reads as a person would say it', () => {
  const from = new Date('2026-11-23T10:00:00Z');
  const after = (minutes: number) => waitedFor(from, new Date(from.getTime() + minutes * 60_000));
  assert.equal(after(1), '1 minute');
  assert.equal(after(35), '35 minutes');
  assert.equal(after(60), '1 hour');
  assert.equal(after(125), '2 hours 5 minutes');
  assert.equal(after(24 * 60), '1 day');
  assert.equal(after(3 * 24 * 60 + 120), '3 days 2 hours');
  assert.equal(after(-5), '0 minutes');
});
