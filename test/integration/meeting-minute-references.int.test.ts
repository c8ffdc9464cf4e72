/**
 * A minute as another module cites it (CON-01, CON-07): its heading, meeting and where to read
 * it; the public link only once the minutes are approved and the minute is not withheld.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { minuteItems, minutes } from '../../src/modules/meetings/schema.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeGroup } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

test('a minute is found with its meeting, and offered among its body’s minutes, newest first', async () => {
  const group = await makeGroup(t);
  const earlier = await makeMeeting(t, group.id, { title: 'Spring meeting', date: '2030-03-01' });
  const later = await makeMeeting(t, group.id, { title: 'Summer meeting', date: '2030-06-01' });
  const [draft] = await t.services.db
    .insert(minutes)
    .values({ meetingId: later.id })
    .returning({ id: minutes.id });
  const [approved] = await t.services.db
    .insert(minutes)
    .values({ meetingId: earlier.id, status: 'approved', approvedAt: new Date() })
    .returning({ id: minutes.id });
  const [decision, withheld, draftMinute] = await t.services.db
    .insert(minuteItems)
    .values([
      { minutesId: approved!.id, position: 1, heading: 'Stop and account', body: 'Agreed.' },
      {
        minutesId: approved!.id,
        position: 2,
        heading: 'Staffing',
        body: 'Withheld.',
        confidential: true,
      },
      { minutesId: draft!.id, position: 1, heading: 'Priorities', body: 'Noted.' },
    ])
    .returning({ id: minuteItems.id });
  const references = t.services.meetingMinuteReferences;
  const found = await references.find(t.services.db, [decision!.id, withheld!.id, draftMinute!.id]);
  const decided = found.get(decision!.id)!;
  assert.equal(decided.heading, 'Stop and account');
  assert.equal(decided.meetingTitle, 'Spring meeting');
  assert.equal(decided.minutesApproved, true);
  assert.equal(decided.href, `/meetings/${earlier.id}/minutes`);
  assert.equal(decided.publicHref, `/advisory-groups/${group.id}/meetings/${earlier.id}`);
  assert.equal(found.get(withheld!.id)!.publicHref, null);
  assert.equal(found.get(draftMinute!.id)!.publicHref, null);
  assert.equal(found.get(draftMinute!.id)!.minutesApproved, false);

  const offered = await references.ofBodies(t.services.db, 'advisory_group', group.id, 10);
  assert.deepEqual(
    offered.map((m) => m.heading),
    ['Priorities', 'Stop and account', 'Staffing'],
  );
});
