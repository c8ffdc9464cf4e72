import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DIRECTOR_CHAIRS_ID } from '../../src/modules/groups/meeting-body.js';
import { createTestApp, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeGroup, type FactoryGroup } from '../factories/groups.js';

let t: TestApp;
/** A corporate IAG with its chair, who sits with the Director. */
let race: FactoryGroup;
before(async () => {
  t = await createTestApp({ demo: false });
  race = await makeGroup(t, {
    type: 'corporate_iag',
    name: 'Westminster Race Independent Advisory Group',
    chair: 'Charlie Chair',
    members: 1,
  });
});
after(() => t.close());

const base = `/director-and-chairs/${DIRECTOR_CHAIRS_ID}/meetings`;
const meeting = (day: string, month: string, year: string) => ({
  title: "The Director's meeting with the corporate IAG chairs",
  'date-day': day,
  'date-month': month,
  'date-year': year,
  startTime: '2pm',
  format: 'in_person',
  venue: 'New Scotland Yard',
  repeat: 'once',
});

test('IAG-31: a reporting year with fewer than two meetings of the Director and the chairs is flagged until it has two', async () => {
  const director = await signInNewAccount(t, 'director');
  const shortfall =
    /meetings? of the Director with the corporate IAG chairs held or scheduled; there should be at least 2 \(IAG-31\)/;
  assert.match((await director.get('/groups')).body, shortfall);
  assert.match((await director.get(base)).body, shortfall);

  // The Director schedules two in 2026-27 (the clock says 23 November 2026); a cancelled one
  // would not count.
  for (const [d, m, y] of [
    ['10', '12', '2026'],
    ['10', '3', '2027'],
  ] as const)
    assert.equal((await director.post(`${base}/new`, meeting(d, m, y))).statusCode, 303);
  assert.doesNotMatch((await director.get('/groups')).body, shortfall);
  assert.doesNotMatch((await director.get(base)).body, shortfall);
});

test('IAG-31: the corporate IAG chairs take part and may table items; other advisors may not see it; nobody is withdrawn for absence', async () => {
  const coordinator = await signInNewAccount(t, 'coordination_unit');
  const created = await coordinator.post(`${base}/new`, meeting('14', '1', '2027'));
  assert.equal(created.statusCode, 303);
  const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(created.headers.location ?? '')![1]!;

  // Charlie Chair chairs the Race IAG, a corporate IAG.
  const chair = await signInAccount(t, race.chair!);
  const tabled = await chair.post(`/meetings/${meetingId}/items/new`, {
    title: 'Deployment of advisors at short notice',
  });
  assert.equal(tabled.statusCode, 303);
  const attendance = await coordinator.get(`/meetings/${meetingId}`);
  assert.match(attendance.body, /Deployment of advisors at short notice/);

  const advisor = await signInAccount(t, race.members[0]!);
  assert.equal((await advisor.get(base)).statusCode, 403);
  assert.equal((await advisor.get(`/meetings/${meetingId}`)).statusCode, 403);

  const officer = await signInNewAccount(t, 'authority_officer');
  assert.equal(
    (await officer.get(`/meetings/${meetingId}`)).statusCode,
    200,
    'the authority may attend',
  );

  const director = await signInNewAccount(t, 'director');
  const roll = await t.services.meetings.providers
    .find((p) => p.type === 'director_chairs')!
    .roll(t.services.db, DIRECTOR_CHAIRS_ID);
  assert.ok(
    roll.some(
      (r) => r.name === 'Charlie Chair' && /Race Independent Advisory Group/.test(r.capacity ?? ''),
    ),
  );
  assert.equal(
    (
      await director.get(
        `/director-and-chairs/${DIRECTOR_CHAIRS_ID}/absences/${roll[0]!.personId}/withdraw`,
      )
    ).statusCode,
    403,
  );
});
