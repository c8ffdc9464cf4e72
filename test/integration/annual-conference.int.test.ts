import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { ANNUAL_CONFERENCE_ID } from '../../src/modules/groups/meeting-body.js';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import { meetingInvitations, meetings } from '../../src/modules/meetings/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { createTestApp, type TestApp } from '../app.js';
import {
  makeAccount,
  signInAccount,
  signInNewAccount,
  type FactoryAccount,
} from '../factories/accounts.js';
import { makeGroup, type FactoryGroup } from '../factories/groups.js';

let t: TestApp;
let coordinatorAccount: FactoryAccount;
/** A corporate IAG whose chair has an e-mail address, and one member. */
let race: FactoryGroup;
before(async () => {
  t = await createTestApp({ demo: false });
  coordinatorAccount = await makeAccount(t, { role: 'coordination_unit' });
  race = await makeGroup(t, {
    type: 'corporate_iag',
    name: 'Westminster Race Independent Advisory Group',
    chair: true,
    members: 1,
  });
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

const base = `/annual-conference/${ANNUAL_CONFERENCE_ID}/meetings`;
const conference = (
  day: string,
  month: string,
  year: string,
  title = 'Annual conference 2027',
) => ({
  title,
  'date-day': day,
  'date-month': month,
  'date-year': year,
  startTime: '10am',
  endTime: '4pm',
  format: 'in_person',
  venue: 'City Hall',
  repeat: 'once',
});
const idFrom = (location: string | undefined) =>
  /\/meetings\/([0-9a-f-]{36})/.exec(location ?? '')![1]!;

async function invitationsOf(meetingId: string) {
  return t.services.db
    .select()
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meetingId));
}

/** Groups every conference invites: those still working (IAG-32). */
async function workingGroups() {
  const rows = await t.services.db
    .select({ id: advisoryGroups.id, name: advisoryGroups.name, status: advisoryGroups.status })
    .from(advisoryGroups);
  return rows.filter((g) => g.status === 'active' || g.status === 'forming');
}

test('IAG-32: a reporting year with no annual conference is flagged until one is scheduled', async () => {
  // The other tests schedule conferences in 2026-27: a database of its own, holding none.
  const own = await createTestApp({ demo: false });
  try {
    const coordinator = await signInAccount(
      own,
      await makeAccount(own, { role: 'coordination_unit' }),
    );
    const missing =
      /2026-27: no annual conference of the advisory groups held or scheduled \(IAG-32\)/;
    assert.match((await coordinator.get('/groups')).body, missing);
    // A conference scheduled and then cancelled leaves the year without one.
    const scheduled = await coordinator.post(`${base}/new`, conference('2', '3', '2027'));
    assert.equal(scheduled.statusCode, 303);
    assert.doesNotMatch((await coordinator.get('/groups')).body, missing);
    const cancelled = await coordinator.post(
      `/meetings/${idFrom(scheduled.headers.location)}/cancel`,
      {
        reason: 'Moved to the new year',
      },
    );
    assert.equal(cancelled.statusCode, 303);
    assert.match((await coordinator.get('/groups')).body, missing);
    assert.match((await coordinator.get(base)).body, missing);

    assert.equal(
      (await coordinator.post(`${base}/new`, conference('20', '3', '2027'))).statusCode,
      303,
    );
    assert.doesNotMatch((await coordinator.get('/groups')).body, missing);
  } finally {
    await own.close();
  }
});

test('IAG-32: every group still working is invited, its chairs e-mailed, once; a group formed later is invited on its own', async () => {
  const coordinator = await signInAccount(t, coordinatorAccount);
  // A title of its own: the mail counted below is this conference's alone.
  const title = 'Annual conference 2027 (invitations)';
  const created = await coordinator.post(`${base}/new`, conference('6', '3', '2027', title));
  const meetingId = idFrom(created.headers.location);
  const page = await coordinator.get(`/meetings/${meetingId}/invitations`);
  assert.equal(page.statusCode, 200);
  const groups = await workingGroups();
  assert.match(page.body, new RegExp(`${groups.length} groups have not been invited yet`));
  assert.match(page.body, /No groups have been invited yet/);

  // Someone who is not arranging it may read the invitations but not send them.
  const advisor = await signInAccount(t, race.members[0]!);
  assert.equal((await advisor.get(`/meetings/${meetingId}/invitations`)).statusCode, 200);
  assert.equal((await advisor.post(`/meetings/${meetingId}/invitations`, {})).statusCode, 403);
  assert.equal((await invitationsOf(meetingId)).length, 0, 'a refusal changes nothing');
  const requester = await signInNewAccount(t, 'requester');
  assert.equal((await requester.get(`/meetings/${meetingId}/invitations`)).statusCode, 403);

  const sent = await coordinator.post(`/meetings/${meetingId}/invitations`, {});
  assert.equal(sent.statusCode, 303);
  const invited = await invitationsOf(meetingId);
  assert.deepEqual(invited.map((i) => i.inviteeId).sort(), groups.map((g) => g.id).sort());
  // The Race IAG's chair has an address: the invitation is in the outbox.
  const mail = await t.services.db
    .select()
    .from(outbox)
    .where(and(like(outbox.subject, `Invitation: ${title}%`)));
  assert.ok(mail.some((m) => /Race Independent Advisory Group is invited/.test(m.bodyText)));
  assert.equal(
    mail.length,
    invited.reduce((sum, i) => sum + i.contactsEmailed, 0),
    'one e-mail to each chair with an address',
  );
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, 'meeting.invitations-sent'), eq(auditEvents.recordId, meetingId)),
    );
  assert.ok(audit);

  const again = await coordinator.post(`/meetings/${meetingId}/invitations`, {});
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /Every group has already been invited/);
  assert.equal((await invitationsOf(meetingId)).length, groups.length);

  // A group registered since is invited on its own; the others are not invited twice.
  await t.services.db.insert(advisoryGroups).values({
    name: 'Newham Community Advisory Group',
    type: 'borough_iag',
    status: 'forming',
    purpose: 'Independent advice on policing in Newham',
    meetingIntervalMonths: 2,
  });
  const later = await coordinator.get(`/meetings/${meetingId}/invitations`);
  assert.match(later.body, /1 group has not been invited yet: Newham Community Advisory Group/);
  assert.equal((await coordinator.post(`/meetings/${meetingId}/invitations`, {})).statusCode, 303);
  assert.equal((await invitationsOf(meetingId)).length, groups.length + 1);
});

test('IAG-32: attendance is recorded by group once the conference has started, with each bad count named', async () => {
  const coordinator = await signInAccount(t, coordinatorAccount);
  const created = await coordinator.post(`${base}/new`, conference('1', '2', '2027'));
  const meetingId = idFrom(created.headers.location);
  assert.equal((await coordinator.post(`/meetings/${meetingId}/invitations`, {})).statusCode, 303);
  const invited = await invitationsOf(meetingId);

  const tooSoon = await coordinator.get(`/meetings/${meetingId}/invitations/attendance`);
  assert.equal(tooSoon.statusCode, 409);
  // The conference has no roll of its own: attendance by person is refused.
  assert.equal((await coordinator.get(`/meetings/${meetingId}/attendance`)).statusCode, 409);

  // Signed in again at that moment (afterEach puts the clock back).
  t.clock.current = new Date('2027-02-01T17:00:00Z');
  const staff = await signInAccount(t, coordinatorAccount);
  const form = await staff.get(`/meetings/${meetingId}/invitations/attendance`);
  assert.equal(form.statusCode, 200);
  const [first, second, ...rest] = invited;
  const bad = await staff.post(`/meetings/${meetingId}/invitations/attendance`, {
    [`representatives-${first!.inviteeId}`]: 'two',
    [`representatives-${second!.inviteeId}`]: '',
    ...Object.fromEntries(rest.map((i) => [`representatives-${i.inviteeId}`, '0'])),
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, new RegExp(`href="#representatives-${first!.inviteeId}"`));
  assert.match(bad.body, new RegExp(`href="#representatives-${second!.inviteeId}"`));
  assert.match(bad.body, /must be a whole number, like 2/);
  assert.match(bad.body, /or 0 if nobody did/);
  assert.ok(
    (await invitationsOf(meetingId)).every((i) => i.representatives === null),
    'nothing written',
  );

  const good = await staff.post(`/meetings/${meetingId}/invitations/attendance`, {
    [`representatives-${first!.inviteeId}`]: '3',
    [`representatives-${second!.inviteeId}`]: '1',
    ...Object.fromEntries(rest.map((i) => [`representatives-${i.inviteeId}`, '0'])),
  });
  assert.equal(good.statusCode, 303);
  const [held] = await t.services.db.select().from(meetings).where(eq(meetings.id, meetingId));
  assert.equal(held!.status, 'held');
  const page = await staff.get(`/meetings/${meetingId}/invitations`);
  assert.match(
    page.body,
    new RegExp(`4 representatives came from 2 of the ${invited.length} groups invited`),
  );

  // Chairs of groups may read it; only the coordination unit and the Director arrange it.
  const chair = await signInAccount(t, race.chair!);
  assert.equal(
    (
      await chair.post(`/meetings/${meetingId}/invitations/attendance`, {
        [`representatives-${first!.inviteeId}`]: '9',
      })
    ).statusCode,
    403,
  );
  assert.equal(
    (await invitationsOf(meetingId)).find((i) => i.inviteeId === first!.inviteeId)!.representatives,
    3,
  );
});
