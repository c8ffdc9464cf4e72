import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { calendarFeeds } from '../../src/modules/meetings/schema.js';
import { users } from '../../src/platform/auth/schema.js';
import {
  Agent,
  createTestApp,
  dateFields,
  principalFor,
  type TestApp,
  groupIdByCode,
} from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import { makeMember } from '../factories/groups.js';

let t: TestApp;
let raceId: string;

before(async () => {
  // No demo data: each test makes the people and meetings it reads. The Race IAG is reference data.
  t = await createTestApp({ demo: false });
  raceId = await groupIdByCode(t, 'iag-race');
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

/** Parses a feed as RFC 5545 with ical.js, as a calendar would; throws if it is not valid. */
function eventsOf(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  assert.ok(calendar.getFirstPropertyValue('prodid'));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      location: event.location,
      status: v.getFirstPropertyValue('status'),
      sequence: event.sequence,
    };
  });
}

/** Schedules a meeting of the Race IAG on a day, as the coordination unit does. */
async function scheduleRaceMeeting(coordinator: Agent, title: string, day: string, venue: string) {
  const created = await coordinator.post(`/groups/${raceId}/meetings/new`, {
    title,
    ...dateFields('date', day),
    startTime: '6:30pm',
    endTime: '8pm',
    format: 'in_person',
    venue,
    repeat: 'once',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
}

test('a public iCalendar feed of a group’s meetings parses as RFC 5545: when and what, never where', async () => {
  const coordinator = await signInAccount(t, await makeAccount(t, { role: 'coordination_unit' }));
  const created = await coordinator.post(`/groups/${raceId}/meetings/new`, {
    title: 'Race IAG extra meeting',
    'date-day': '15',
    'date-month': '1',
    'date-year': '2027',
    startTime: '6:30pm',
    endTime: '8pm',
    format: 'in_person',
    venue: 'Empress State Building',
    repeat: 'once',
  });
  const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(created.headers.location ?? '')![1]!;
  assert.equal(
    (await coordinator.post(`/meetings/${meetingId}/cancel`, { reason: 'Room lost' })).statusCode,
    303,
  );

  const visitor = new Agent(t.app);
  const res = await visitor.get(`/advisory-groups/${raceId}/meetings.ics`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/calendar/);
  const events = eventsOf(res.body);
  const extra = events.find((e) => e.uid === `meeting-${meetingId}@bridge`);
  assert.ok(extra, 'the meeting is in the feed with a stable UID');
  assert.equal(extra.start.toISOString(), '2027-01-15T18:30:00.000Z');
  assert.equal(extra.end.toISOString(), '2027-01-15T20:00:00.000Z');
  assert.equal(extra.status, 'CANCELLED');
  assert.ok(extra.sequence >= 2, 'the cancellation raised the sequence');
  assert.ok(
    events.every((e) => !e.location),
    'the public feed gives no venue',
  );
  assert.equal(
    (await visitor.get(`/advisory-groups/${crypto.randomUUID()}/meetings.ics`)).statusCode,
    404,
  );
});

test('a personal feed at an unguessable address: the person’s meetings with the venue; replaced or stopped at will', async () => {
  // A member of the Race IAG, with its last and its next meeting.
  const coordinator = await signInAccount(t, await makeAccount(t, { role: 'coordination_unit' }));
  const member = await makeMember(t, raceId, { startsOn: '2026-09-01' });
  // A meeting is scheduled ahead of its day: the autumn one was scheduled on 1 October.
  t.clock.current = new Date('2026-10-01T10:00:00Z');
  await scheduleRaceMeeting(coordinator, 'Race IAG autumn meeting', '2026-10-20', 'City Hall');
  t.clock.reset();
  await scheduleRaceMeeting(
    coordinator,
    'Race IAG winter meeting',
    '2026-12-15',
    'Empress State Building, Lillie Road, London SW6',
  );
  const advisor = await signInAccount(t, member);
  const page = await advisor.get('/my-meetings/calendar');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /You do not have a calendar link/);
  const made = await advisor.post('/my-meetings/calendar');
  assert.equal(made.statusCode, 200);
  const url = /(http:\/\/[^<\s]+\/calendar\/[A-Za-z0-9_-]{32}\/meetings\.ics)/.exec(made.body)![1]!;
  const path = new URL(url).pathname;

  const calendarApp = new Agent(t.app);
  const feed = await calendarApp.get(path);
  assert.equal(feed.statusCode, 200);
  const events = eventsOf(feed.body);
  assert.ok(events.length >= 2, 'the group’s last and next meetings');
  assert.ok(events.some((e) => e.location === 'Empress State Building, Lillie Road, London SW6'));
  assert.ok(events.every((e) => e.summary.includes('Race Independent Advisory Group')));
  assert.match((await advisor.get('/my-meetings/calendar')).body, /Your calendar last read it on/);

  // A new link stops the old one; stopping it stops the new one.
  const again = await advisor.post('/my-meetings/calendar');
  const newPath = new URL(
    /(http:\/\/[^<\s]+\/calendar\/[A-Za-z0-9_-]{32}\/meetings\.ics)/.exec(again.body)![1]!,
  ).pathname;
  assert.notEqual(newPath, path);
  assert.equal((await calendarApp.get(path)).statusCode, 404);
  assert.equal((await calendarApp.get(newPath)).statusCode, 200);
  assert.equal((await advisor.post('/my-meetings/calendar/revoke')).statusCode, 303);
  assert.equal((await calendarApp.get(newPath)).statusCode, 404);
  assert.equal((await calendarApp.get('/calendar/not-a-token/meetings.ics')).statusCode, 404);
});

test('issue 21 item 21: a personal feed stops when the account is deactivated, checked on every request', async () => {
  const admin = await principalFor(t, (await makeAccount(t, { role: 'administrator' })).email);
  const email = 'feed.reader@police.example';
  await t.services.users.create(admin, { email, displayName: 'Feed Reader', role: 'requester' });
  const reader = await principalFor(t, email);
  const url = await t.services.meetingFeeds.create(reader);
  const path = new URL(url).pathname;
  const calendarApp = new Agent(t.app);
  const live = await calendarApp.get(path);
  assert.equal(live.statusCode, 200);
  assert.match(live.body, /Bridge: your meetings/);

  const [account] = await t.services.db.select().from(users).where(eq(users.id, reader.userId));
  await t.services.users.setStatus(admin, reader.userId, 'deactivated', account!.version);
  const readAt = t.clock.current;
  t.clock.advanceMinutes(60);
  try {
    const stopped = await calendarApp.get(path);
    assert.equal(stopped.statusCode, 404);
    assert.doesNotMatch(stopped.body, /BEGIN:VCALENDAR/);
  } finally {
    t.clock.current = readAt;
  }
  const [feed] = await t.services.db
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, reader.userId));
  assert.equal(feed!.lastReadAt?.getTime(), readAt.getTime(), 'last read while active');
});

test('someone in no group gets a valid, empty feed', async () => {
  const requester = await signInAccount(t, await makeAccount(t, { role: 'requester' }));
  const made = await requester.post('/my-meetings/calendar');
  const path = new URL(
    /(http:\/\/[^<\s]+\/calendar\/[A-Za-z0-9_-]{32}\/meetings\.ics)/.exec(made.body)![1]!,
  ).pathname;
  const feed = await new Agent(t.app).get(path);
  assert.equal(feed.statusCode, 200);
  assert.deepEqual(eventsOf(feed.body), []);
});
