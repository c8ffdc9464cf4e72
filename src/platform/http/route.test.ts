import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route, underPrefix } from './route.js';

test('a route builds its links from the pattern it is registered with', () => {
  const member = route('/groups/:groupId/members/:membershipId');
  assert.equal(member.pattern, '/groups/:groupId/members/:membershipId');
  assert.equal(member('g1', 'm2'), '/groups/g1/members/m2');
  const csv = route('/expenses/payments/:id/batch.csv');
  assert.equal(csv('b3'), '/expenses/payments/b3/batch.csv');
  const feed = route('/meetings/:id.ics');
  assert.equal(feed('x'), '/meetings/x.ics');
});

test('a value is one path segment, never more', () => {
  const person = route('/directory/people/:id');
  assert.equal(person('a/../b?c'), '/directory/people/a%2F..%2Fb%3Fc');
});

test('the wrong number of values is refused, not turned into a wrong link', () => {
  const member = route('/groups/:groupId/members/:membershipId');
  // @ts-expect-error -- two values are needed; the type says so too
  assert.throws(() => member('g1'), /takes 2 values, given 1/);
});

test('a route under a prefix given at run time registers and links under that prefix', () => {
  const bodyMeetings = underPrefix('/:bodyId/meetings');
  assert.equal(bodyMeetings.pattern('/groups'), '/groups/:bodyId/meetings');
  assert.equal(bodyMeetings('/groups', 'g1'), '/groups/g1/meetings');
  // @ts-expect-error -- the body's id is needed; the type says so too
  assert.throws(() => bodyMeetings('/groups'), /takes 1 values, given 0/);
});
