import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import { advisoryGroups, memberships } from '../../src/modules/groups/schema.js';
import { agendaItems, meetings } from '../../src/modules/meetings/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { queryRows } from '../../src/platform/db/database.js';
import { Agent, createTestApp, principalFor, type TestApp, groupIdByCode } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeMember } from '../factories/groups.js';

let t: TestApp;
let raceId: string;
/** The coordination unit, and the Race IAG's chair and members. */
let unit: FactoryAccount;
let chairAccount: FactoryAccount;
let advisorAccount: FactoryAccount;
let jordan: FactoryAccount;

before(async () => {
  // No demo data: the file makes the people it reads. The IAGs are reference data.
  t = await createTestApp({ demo: false });
  raceId = await groupIdByCode(t, 'iag-race');
  unit = await makeAccount(t, { role: 'coordination_unit' });
  chairAccount = await makeMember(t, raceId, { chair: true });
  advisorAccount = await makeMember(t, raceId);
  jordan = await makeMember(t, raceId, { name: 'Jordan Okafor' });
  await makeMember(t, raceId);
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

const auditCount = async () =>
  Number((await t.services.db.select({ n: count() }).from(auditEvents))[0]!.n);

const meetingForm = (overrides: Record<string, string> = {}) => ({
  title: 'Race IAG full meeting',
  'date-day': '8',
  'date-month': '12',
  'date-year': '2026',
  startTime: '6:30pm',
  endTime: '20:30',
  format: 'hybrid',
  venue: 'Empress State Building, Lillie Road',
  accessNotes: 'Step-free entrance on Lillie Road; hearing loop in room 4.',
  joiningDetails: 'Teams link sent to members',
  repeat: 'once',
  ...overrides,
});

function idFrom(location: string | undefined): string {
  const match = /\/meetings\/([0-9a-f-]{36})/.exec(location ?? '');
  assert.ok(match, `expected a meeting page, got ${location}`);
  return match[1]!;
}

test('IAG-21d: a series is scheduled at the group’s agreed interval; bad input names the field and writes nothing', async () => {
  const coordinator = await signInAccount(t, unit);
  const url = `/groups/${raceId}/meetings/new`;
  const form = await coordinator.get(url);
  assert.equal(form.statusCode, 200);

  const before = await auditCount();
  const bad = await coordinator.post(
    url,
    meetingForm({
      title: '',
      startTime: 'evening',
      endTime: '5pm',
      venue: '',
      repeat: 'series',
      count: '99',
    }),
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter a title for the meeting/);
  assert.match(bad.body, /Enter the start time like 6:30pm or 18:30/);
  assert.match(bad.body, /Enter where the meeting is held/);
  assert.match(bad.body, /Enter how many meetings to schedule, from 2 to 24/);
  const past = await coordinator.post(url, meetingForm({ 'date-year': '2025' }));
  assert.equal(past.statusCode, 400);
  assert.match(past.body, /The date of the meeting must be today or later/);
  assert.equal(await auditCount(), before);

  // The Race IAG meets every two months (reference data).
  const series = await coordinator.post(
    url,
    meetingForm({ repeat: 'series', count: '3', 'date-day': '31', 'date-month': '12' }),
  );
  assert.equal(series.statusCode, 303);
  const rows = await t.services.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, raceId), isNotNull(meetings.seriesId)))
    .orderBy(asc(meetings.startsAt));
  assert.deepEqual(
    rows.map((r) => r.startsAt.toISOString()),
    ['2026-12-31T18:30:00.000Z', '2027-02-28T18:30:00.000Z', '2027-04-30T17:30:00.000Z'],
    'every two months from 31 December, in London time (BST from the end of March)',
  );
  assert.ok(rows.every((r) => r.seriesId && r.seriesId === rows[0]!.seriesId));
  assert.equal(await auditCount(), before + 1);
  const list = await coordinator.get(`/groups/${raceId}/meetings`);
  assert.match(list.body, /31 December 2026, 6:30pm to 8:30pm/);
});

test('IAG-21e: a member tables an item; the chair accepts it and publishes the agenda; others cannot', async () => {
  const coordinator = await signInAccount(t, unit);
  const created = await coordinator.post(`/groups/${raceId}/meetings/new`, meetingForm());
  const meetingId = idFrom(created.headers.location);
  // Deferring (below) needs a later meeting of the group: one a week on.
  const later = await coordinator.post(
    `/groups/${raceId}/meetings/new`,
    meetingForm({ title: 'Race IAG meeting a week on', 'date-day': '15' }),
  );
  assert.equal(later.statusCode, 303);

  const advisor = await signInAccount(t, advisorAccount);
  const tabled = await advisor.post(`/meetings/${meetingId}/items/new`, {
    title: 'Stop and search in Brixton',
    details: 'Monitoring figures for the last quarter',
  });
  assert.equal(tabled.statusCode, 303);
  const [item] = await t.services.db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  assert.equal(item!.status, 'proposed');
  assert.equal(item!.tabledAs, 'member');

  // The advisor may not set the agenda; someone with no part in the group may not table.
  assert.equal(
    (await advisor.post(`/meetings/${meetingId}/items/${item!.id}/accept`)).statusCode,
    403,
  );
  const outsider = await signInAccount(t, await makeAccount(t, { role: 'requester' }));
  assert.equal((await outsider.get(`/meetings/${meetingId}`)).statusCode, 403);
  assert.equal(
    (await outsider.post(`/meetings/${meetingId}/items/new`, { title: 'x' })).statusCode,
    403,
  );

  // The chair cannot publish while an item waits, then accepts it and publishes.
  const chair = await signInAccount(t, chairAccount);
  const early = await chair.post(`/meetings/${meetingId}/publish`);
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /Accept, defer or take off every item waiting for a decision/);
  assert.equal(
    (await chair.post(`/meetings/${meetingId}/items/${item!.id}/accept`)).statusCode,
    303,
  );
  const own = await chair.post(`/meetings/${meetingId}/items/new`, {
    title: 'Recruitment of new members',
    confidential: 'yes',
  });
  assert.equal(own.statusCode, 303);
  const items = await t.services.db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
  assert.deepEqual(
    items.map((i) => [i.title, i.status, i.confidential]),
    [
      ['Stop and search in Brixton', 'accepted', false],
      ['Recruitment of new members', 'accepted', true],
    ],
  );
  assert.equal(
    (await chair.post(`/meetings/${meetingId}/items/${items[1]!.id}/up`)).statusCode,
    303,
  );
  assert.equal((await chair.post(`/meetings/${meetingId}/publish`)).statusCode, 303);
  const page = await advisor.get(`/meetings/${meetingId}`);
  assert.ok(
    page.body.indexOf('Recruitment of new members') <
      page.body.indexOf('Stop and search in Brixton'),
    'the chair moved it first',
  );
  assert.match(page.body, /Published/);

  // Published: a member's late item goes to the chair instead.
  const late = await advisor.post(`/meetings/${meetingId}/items/new`, { title: 'Late item' });
  assert.equal(late.statusCode, 409);
  assert.match(
    late.body,
    /The agenda has been published: ask the chair to take it as late business/,
  );

  // Deferring needs a later meeting.
  const deferred = await chair.post(`/meetings/${meetingId}/items/${items[0]!.id}/defer`);
  assert.equal(deferred.statusCode, 303, 'the group has a later meeting');
  const [moved] = await t.services.db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.id, items[0]!.id));
  assert.notEqual(moved!.meetingId, meetingId);
  assert.equal(moved!.deferredFromMeetingId, meetingId);
  assert.equal(moved!.status, 'proposed');
});

test('a meeting that was held cannot be cancelled; attendance can be corrected', async () => {
  const coordinator = await signInAccount(t, unit);
  const res = await coordinator.post(
    `/groups/${raceId}/meetings/new`,
    meetingForm({
      'date-day': '23',
      'date-month': '11',
      'date-year': '2026',
      startTime: '9am',
      endTime: '',
    }),
  );
  const id = idFrom(res.headers.location);
  const form = await coordinator.get(`/meetings/${id}/attendance`);
  assert.equal(form.statusCode, 200);
  const values = Object.fromEntries(
    [...form.body.matchAll(/name="(attendance-[0-9a-f-]{36})"/g)].map((m) => [m[1]!, 'present']),
  );
  assert.equal((await coordinator.post(`/meetings/${id}/attendance`, values)).statusCode, 303);
  const cancel = await coordinator.post(`/meetings/${id}/cancel`, { reason: 'Too late' });
  assert.equal(cancel.statusCode, 409);
  assert.match(cancel.body, /The meeting has been held: it cannot be cancelled/);
  assert.equal((await coordinator.post(`/meetings/${id}/attendance`, values)).statusCode, 303);
});

test('an advisor reaches the meetings of their own group only', async () => {
  const advisor: Agent = await signInAccount(t, advisorAccount);
  const own = await advisor.get('/my-groups');
  assert.match(own.body, new RegExp(`/groups/${raceId}/meetings`));
  assert.equal((await advisor.get(`/groups/${raceId}/meetings`)).statusCode, 200);
  assert.equal((await advisor.get(`/groups/${raceId}/meetings/new`)).statusCode, 403);
  const [other] = await t.services.db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'LGBT Independent Advisory Group'));
  assert.equal((await advisor.get(`/groups/${other!.id}/meetings`)).statusCode, 403);
});

test('IAG-21f: after three meetings missed in a row the chair, and only the chair, may withdraw the member', async () => {
  const coordinator = await signInAccount(t, unit);
  // Three meetings a week apart in January 2027, and one cancelled between them.
  const ids: string[] = [];
  for (const day of ['4', '11', '18', '25']) {
    const res = await coordinator.post(
      `/groups/${raceId}/meetings/new`,
      meetingForm({
        'date-day': day,
        'date-month': '1',
        'date-year': '2027',
        title: `Meeting ${day}`,
      }),
    );
    ids.push(idFrom(res.headers.location));
  }
  assert.equal(
    (await coordinator.post(`/meetings/${ids[1]}/cancel`, { reason: 'Venue unavailable' }))
      .statusCode,
    303,
  );
  // Attendance is for meetings that have started: neither the form nor a record before then.
  assert.equal((await coordinator.get(`/meetings/${ids[0]}/attendance`)).statusCode, 409);
  const tooSoon = await coordinator.post(`/meetings/${ids[0]}/attendance`, {});
  assert.equal(tooSoon.statusCode, 409);
  assert.match(tooSoon.body, /once the meeting has started/);

  // The clock only moves forward from here (a second factor's code cannot be used twice), so
  // this test comes after those that use its first date.
  t.clock.current = new Date('2027-01-30T10:00:00Z');
  const roll = await t.services.meetings.attendanceForm(await principalFor(t, unit.email), ids[0]!);
  const attendance = (status: Record<string, string>) =>
    Object.fromEntries(
      roll.roll.map((r) => [`attendance-${r.personId}`, status[r.personId] ?? 'present']),
    );
  {
    const staff = await signInAccount(t, unit);
    const missing = await staff.post(`/meetings/${ids[0]}/attendance`, {});
    assert.equal(missing.statusCode, 400);
    assert.match(
      missing.body,
      /Select whether Jordan Okafor was present, sent apologies or was absent/,
    );
    for (const [id, status] of [
      [ids[0], 'absent'],
      [ids[2], 'apologies'],
    ] as const)
      assert.equal(
        (await staff.post(`/meetings/${id}/attendance`, attendance({ [jordan.personId]: status })))
          .statusCode,
        303,
      );

    // Two missed (the cancelled meeting does not count): not yet.
    const chair = await signInAccount(t, chairAccount);
    const early = await chair.post(`/groups/${raceId}/absences/${jordan.personId}/withdraw`, {
      reason: 'No contact',
    });
    assert.equal(early.statusCode, 409);
    assert.match(
      early.body,
      /has missed 2 meetings in a row; a member may be withdrawn after missing 3/,
    );

    assert.equal(
      (
        await staff.post(
          `/meetings/${ids[3]}/attendance`,
          attendance({ [jordan.personId]: 'absent' }),
        )
      ).statusCode,
      303,
    );
    const list = await chair.get(`/groups/${raceId}/meetings`);
    assert.match(list.body, /Three or more meetings missed in a row/);
    assert.match(list.body, /Jordan Okafor/);
    const staffList = await staff.get(`/groups/${raceId}/meetings`);
    assert.doesNotMatch(staffList.body, /Three or more meetings missed in a row/);

    // Nobody but the chair may withdraw.
    const before = await auditCount();
    const refused = await staff.post(`/groups/${raceId}/absences/${jordan.personId}/withdraw`, {
      reason: 'No contact',
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(await auditCount(), before);
    const noReason = await chair.post(`/groups/${raceId}/absences/${jordan.personId}/withdraw`, {});
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the decision and why it was made/);

    const form = await chair.get(`/groups/${raceId}/absences/${jordan.personId}/withdraw`);
    assert.match(form.body, /25 January 2027, 6:30pm to 8:30pm: absent/);
    const done = await chair.post(`/groups/${raceId}/absences/${jordan.personId}/withdraw`, {
      reason: 'Three meetings missed; letters unanswered',
    });
    assert.equal(done.statusCode, 303);
    const [membership] = await t.services.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.groupId, raceId), eq(memberships.personId, jordan.personId)));
    assert.equal(membership!.status, 'withdrawn');
    assert.equal(membership!.leavingReason, 'Three meetings missed; letters unanswered');
    assert.equal(await auditCount(), before + 1);
  }
});

test('the meeting page, kept between reads, shows at once any write to the meeting, its roll or a name; who may read it is checked every time', async () => {
  // A member of its own, whose name and membership it changes below.
  const member = await makeMember(t, raceId);
  // Today, two hours before the test clock (which only moves forward: a code is used once).
  t.clock.advanceMinutes(5);
  const today = t.clock.now();
  const coordinator = await signInAccount(t, unit);
  const scheduled = await coordinator.post(
    `/groups/${raceId}/meetings/new`,
    meetingForm({
      'date-day': String(today.getUTCDate()),
      'date-month': String(today.getUTCMonth() + 1),
      'date-year': String(today.getUTCFullYear()),
      startTime: `${today.getUTCHours() - 2}:00`,
      endTime: '',
    }),
  );
  const id = idFrom(scheduled.headers.location);
  const form = await coordinator.get(`/meetings/${id}/attendance`);
  const values = Object.fromEntries(
    [...form.body.matchAll(/name="(attendance-[0-9a-f-]{36})"/g)].map((m) => [m[1]!, 'present']),
  );
  assert.equal((await coordinator.post(`/meetings/${id}/attendance`, values)).statusCode, 303);
  const [attendee] = await queryRows<{ personId: string; membershipId: string }>(
    t.services.db,
    sql`select a.person_id as "personId", m.id as "membershipId"
        from meeting_attendance a join memberships m
          on m.person_id = a.person_id and m.group_id = ${raceId} and m.status = 'current'
        where a.meeting_id = ${id} and a.person_id = ${member.personId}`,
  );
  assert.ok(attendee, 'the member attended');
  const page = async () => {
    const res = await coordinator.get(`/meetings/${id}`);
    assert.equal(res.statusCode, 200);
    return res.body;
  };
  assert.match(await page(), /Race IAG full meeting/);
  assert.doesNotMatch(await page(), /A former member/);

  // Each write is made straight to the tables, as a script or another instance of Bridge might.
  await t.services.db.execute(
    sql`update meetings set title = 'Race IAG extraordinary meeting' where id = ${id}`,
  );
  assert.match(await page(), /Race IAG extraordinary meeting/);
  await t.services.db.execute(
    sql`update people set full_name = 'Zebedee Renamed-Attendee' where id = ${attendee.personId}`,
  );
  assert.match(await page(), /Zebedee Renamed-Attendee/);
  await t.services.db.execute(
    sql`update memberships set status = 'ended', left_on = current_date where id = ${attendee.membershipId}`,
  );
  const after = await page();
  assert.doesNotMatch(after, /Zebedee Renamed-Attendee/);
  assert.match(after, /A former member/);

  // Kept for the coordinator, refused to an advisor of another group.
  const [lgbt] = await t.services.db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'LGBT Independent Advisory Group'));
  const other = idFrom(
    (
      await coordinator.post(
        `/groups/${lgbt!.id}/meetings/new`,
        meetingForm({ 'date-year': '2027' }),
      )
    ).headers.location,
  );
  assert.equal((await coordinator.get(`/meetings/${other}`)).statusCode, 200);
  const advisor = await signInAccount(t, advisorAccount);
  assert.equal((await advisor.get(`/meetings/${other}`)).statusCode, 403);
  assert.equal((await advisor.get(`/meetings/${id}`)).statusCode, 200);
});
